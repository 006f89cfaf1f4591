import { useEffect, useState } from 'react';
import { SUPPLIER_NAMES, type Profile } from '../../../shared/domain';
import { formatMoney, formatPoints } from '../../../shared/format';
import { isTransfer, type Placement, type PlacementQuote } from '../../../shared/placement';
import { pointsUnknownText } from '../../../shared/points';
import { PROVIDER_TRAITS } from '../../../shared/provider-traits';
import { desk } from '../../desk';
import { usePlacementStore } from '../../state/placement';
import { PlacementFormFrame } from './PlacementFormFrame';
import { usePlacementForm } from './use-placement-form';
import { SupplierFields } from './gift-card/SupplierFields';
import {
  buildDraft,
  fieldPathsOf,
  initialValues,
  newReference,
  quantityOf,
  valuesOf,
  type CatalogueItem,
  type FormValues,
} from './order-form';

const QUOTE_DELAY_MS = 300;

interface OrderFormProps {
  item: CatalogueItem;
  profile: Profile;
  /** A new order (for a member carried over from the last one), or a correction of a refused placement. */
  mode: { kind: 'new'; memberId?: string } | { kind: 'revise'; placement: Placement };
}

/** The order for the picked item: the fields its supplier needs, checked before sending, and what it costs. */
export function OrderForm({ item, profile, mode }: OrderFormProps) {
  const production = profile.environment === 'production';
  const revising = mode.kind === 'revise' ? mode.placement : null;
  const prefillReference = usePlacementStore((s) => s.prefillReference);
  const form = usePlacementForm({
    revising,
    initial: () =>
      revising && !isTransfer(revising.order)
        ? valuesOf(revising.order)
        : initialValues(item, prefillReference ?? newReference(), mode.kind === 'new' ? mode.memberId : ''),
  });
  const { values, errors } = form;
  const quote = useQuote(item, values);
  const fieldPaths = fieldPathsOf(item);
  const supplier = SUPPLIER_NAMES[item.supplier];
  return (
    <PlacementFormFrame
      form={form}
      revising={revising}
      headingId="order-heading"
      heading={
        revising
          ? `Correct placement #${revising.id} and resend it under reference ${revising.reference}`
          : `2. Order ${item.name} from ${supplier}`
      }
      build={() => buildDraft(item, values, production && !revising)}
      unplaced={Object.entries(errors).filter(([path]) => path !== 'form' && !fieldPaths.has(path))}
      referenceLabel={`Reference (${PROVIDER_TRAITS[item.supplier].referenceName})`}
      memberHint={
        PROVIDER_TRAITS[item.supplier].receivesMemberId
          ? `The member’s id in the loyalty system; ${supplier} receives it with the order.`
          : `The member’s id in the loyalty system; journaled by the desk (${supplier} does not receive it).`
      }
      production={production}
      productionNote={
        <>
          <strong>Production:</strong> this spends real money.{' '}
          {item.currency && profile.maxOrderValues[item.currency] !== undefined
            ? `Orders over ${formatMoney(profile.maxOrderValues[item.currency]!, item.currency)} are refused.`
            : `No per-order maximum is set for ${item.currency ?? 'this currency'}: set one in Settings first.`}
        </>
      }
      actionLabel="Place order"
    >
      <SupplierFields item={item} form={form} profile={profile} />
      <QuoteSummary quote={quote} />
    </PlacementFormFrame>
  );
}

function QuoteSummary({ quote }: { quote: PlacementQuote | null }) {
  return (
    <div className="quote" role="status" aria-label="Price">
      {quote ? (
        <>
          <p>
            Face value {formatMoney(quote.faceValue, quote.currency || null)} ·{' '}
            {quote.points === null ? (
              <strong>{pointsUnknownText(quote.currency || null)}</strong>
            ) : (
              <>
                the member pays <strong>{formatPoints(quote.points)}</strong>
              </>
            )}
          </p>
          {quote.cost !== null && (
            <p>
              Deposit cost {formatMoney(quote.cost, quote.currency)} · Available{' '}
              {quote.available === null ? 'unknown' : formatMoney(quote.available, quote.currency)}
            </p>
          )}
          {quote.warnings.map((w) => (
            <p key={w} className="banner banner-warning">
              Warning: {w}
            </p>
          ))}
        </>
      ) : (
        <p className="hint">Pick a value to see the price.</p>
      )}
    </div>
  );
}

/** Points and, for GiftCard Partners, the deposit cost, re-asked shortly after the value or quantity changes. */
function useQuote(item: CatalogueItem, values: FormValues): PlacementQuote | null {
  const value = Number(values.value);
  const quantity = quantityOf(item, values);
  const valid = value > 0 && Number.isInteger(quantity) && quantity >= 1;
  const key = `${item.supplier}:${item.id}:${value}:${quantity}`;
  // A quote is shown only for the inputs it was asked for; a stale one disappears at once.
  const [answer, setAnswer] = useState<{ key: string; quote: PlacementQuote } | null>(null);
  useEffect(() => {
    if (!valid) return;
    let live = true;
    const timer = setTimeout(() => {
      void desk()
        .placements.quote({
          supplier: item.supplier,
          productId: item.id,
          value,
          quantity,
          currency: item.currency ?? undefined,
        })
        .then((reply) => live && reply.ok && setAnswer({ key, quote: reply.value }));
    }, QUOTE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [item.supplier, item.id, item.currency, value, quantity, valid, key]);
  return answer?.key === key ? answer.quote : null;
}
