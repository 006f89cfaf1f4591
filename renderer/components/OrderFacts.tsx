import type { ReactNode } from 'react';
import { SUPPLIER_NAMES, type Supplier } from '../../shared/domain';
import { describeItem, type OrderItem } from '../../shared/orders';
import { STATE_LABELS } from '../format';
import { CopyId } from './CopyId';
import { Fact } from './Fact';
import { ItemErrors } from './ItemErrors';

interface OrderFactsProps {
  /** Omitted where the heading already names it. */
  supplier?: Supplier;
  reference: string;
  supplierOrderId: string | null;
  /** The member, where known; `memberUnknown` says why not, else the fact is left out. */
  memberId?: string | null;
  memberUnknown?: string;
  label?: string;
  /** The screen's own facts, after the order's ids. */
  children?: ReactNode;
}

/**
 * The facts every order screen starts with, each id copyable: supplier, reference, supplier order id and member,
 * then what that screen adds (status, totals, the journal's attempts).
 */
export function OrderFacts({
  supplier,
  reference,
  supplierOrderId,
  memberId,
  memberUnknown,
  label,
  children,
}: OrderFactsProps) {
  return (
    <dl className="facts" aria-label={label}>
      {supplier && <Fact term="Supplier">{SUPPLIER_NAMES[supplier]}</Fact>}
      <Fact term="Reference">
        <CopyId value={reference} label="reference" />
      </Fact>
      <Fact term="Supplier order id">
        <CopyId value={supplierOrderId} label="supplier order id" />
      </Fact>
      {(memberId || memberUnknown) && (
        <Fact term="Member id">
          {memberId ? <CopyId value={memberId} label="member id" /> : memberUnknown}
        </Fact>
      )}
      {children}
    </dl>
  );
}

/** An item's state in words; a status the desk does not know is quoted as the supplier wrote it. */
function ItemState({ item }: { item: OrderItem }) {
  return (
    <span className={`state state-${item.state}`}>
      {item.state === 'unknown' ? `Unknown status “${item.supplierStatus}”` : STATE_LABELS[item.state]}
    </span>
  );
}

/** An order's items: what each delivers, its state, its recipient, what the member is owed, its errors. */
export function OrderItems({
  supplier,
  items,
  supplierSays = false,
  recipients = false,
  refundNote = false,
}: {
  supplier: Supplier;
  items: readonly OrderItem[];
  /** Quote the supplier's own status beside ours. */
  supplierSays?: boolean;
  /** Show whom each item went to. */
  recipients?: boolean;
  /** Say under a failed or cancelled item that the member is owed its points. */
  refundNote?: boolean;
}) {
  return (
    <ul className="order-items" aria-label="Items">
      {items.map((item) => (
        <li key={item.id}>
          <p>
            <strong>{describeItem(item)}</strong> · <ItemState item={item} />
            {supplierSays && <span className="hint"> (supplier says “{item.supplierStatus}”)</span>}
          </p>
          {recipients && item.recipient && (
            <p className="hint">
              To{' '}
              {[item.recipient.name, item.recipient.email, item.recipient.phone].filter(Boolean).join(' · ')}
            </p>
          )}
          {refundNote && (item.state === 'failed' || item.state === 'cancelled') && (
            <p className="refund-note">The member is owed a refund of the points for this item.</p>
          )}
          <ItemErrors supplier={supplier} errors={item.errors} />
        </li>
      ))}
    </ul>
  );
}
