import { SUPPLIER_NAMES } from '../../../shared/domain';
import { useEffect, useState } from 'react';
import { isTransfer, orderFacts, type Placement } from '../../../shared/placement';
import { desk } from '../../desk';
import type { CatalogueItem } from './order-form';

/** The catalogue item a refused placement was for, so "Correct and resend" shows that card's own fields. */
export function useRevisedItem(placement: Placement | null): {
  item: CatalogueItem | null;
  error: string | null;
} {
  const [state, setState] = useState<{ id: number; item: CatalogueItem | null; error: string | null } | null>(
    null,
  );
  const id = placement?.id ?? null;
  useEffect(() => {
    // A transfer is corrected in its own form, from the journaled order: no catalogue card to fetch.
    if (!placement || isTransfer(placement.order)) return;
    const order = placement.order;
    const { productId } = orderFacts(order);
    let live = true;
    void desk()
      .catalogue.search({ supplier: order.supplier, text: productId })
      .then((reply) => {
        if (!live) return;
        const item = reply.ok ? (reply.value.find((i) => i.id === productId) ?? null) : null;
        setState({
          id: placement.id,
          item,
          error: item
            ? null
            : `The card ${productId} is no longer in the ${SUPPLIER_NAMES[order.supplier]} catalogue: it cannot be corrected and resent. Refund the member instead.`,
        });
      });
    return () => {
      live = false;
    };
  }, [placement]);
  return state?.id === id ? { item: state.item, error: state.error } : { item: null, error: null };
}
