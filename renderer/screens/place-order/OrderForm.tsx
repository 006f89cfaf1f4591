import { useEffect, useState } from 'react';
import type { Option } from '../../../shared/catalogue';
import { SUPPLIER_NAMES, type Profile } from '../../../shared/domain';
import { formatMoney, formatPoints } from '../../../shared/format';
import { isTransfer, type Placement, type PlacementQuote } from '../../../shared/placement';
import { pointsUnknownText } from '../../../shared/points';
import { PROVIDER_TRAITS } from '../../../shared/provider-traits';
import { desk } from '../../desk';
import { usePlacementStore } from '../../state/placement';
import { ReferenceInUse } from './IntentPrompt';
import { FormActions, usePlacementForm } from './use-placement-form';
import {
  buildDraft,
  initialValues,
  isVariable,
  newReference,
  requiredRecipientPaths,
  valueRange,
  valuesOf,
  type CatalogueItem,
  type FormValues,
} from './order-form';

const QUOTE_DELAY_MS = 300;
const DELIVERY_LABELS: Record<string, string> = {
  DigitalDelivery: 'Digital delivery (email or SMS)',
  Links: 'Claim links',
  PhysicalShipment: 'Physical card, shipped',
};

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
  const {
    values,
    errors,
    change,
    field,
    text,
    uses,
    sending,
    formRef,
    submit,
    announcement,
    reasons,
    busy,
    showActions,
  } = usePlacementForm({
    revising,
    initial: () =>
      revising && !isTransfer(revising.order)
        ? valuesOf(revising.order)
        : initialValues(item, prefillReference ?? newReference(), mode.kind === 'new' ? mode.memberId : ''),
  });
  const quote = useQuote(item, values);
  const shipping = useShipping(values.deliveryType === 'PhysicalShipment');

  const required = item.supplier === 'ascenda' ? requiredRecipientPaths(item) : [];
  const label = (path: string, name: string) => (required.includes(path) ? `${name} (required)` : name);
  const range = valueRange(item);
  const delivery = values.deliveryType;
  // Errors with no field of their own (e.g. the card's currency) are listed at the top.
  const unplaced = Object.entries(errors).filter(([path]) => path !== 'form' && !FIELD_PATHS.has(path));

  return (
    <>
      <form
        ref={formRef}
        className="order-form"
        onSubmit={(event) => void submit(() => buildDraft(item, values, production && !revising))(event)}
        noValidate
        aria-labelledby="order-heading"
      >
        <h2 id="order-heading">
          {revising
            ? `Correct placement #${revising.id} and resend it under reference ${revising.reference}`
            : `2. Order ${item.name} from ${SUPPLIER_NAMES[item.supplier]}`}
        </h2>
        {announcement}
        {(errors.form || unplaced.length > 0) && (
          <div className="form-error" role="alert">
            {errors.form && <p>{errors.form}</p>}
            {unplaced.map(([path, message]) => (
              <p key={path}>{message}</p>
            ))}
            {uses.length > 0 && <ReferenceInUse uses={uses} />}
          </div>
        )}
        {revising ? (
          <p className="hint">
            Reference {revising.reference} stays (it is often the client system’s transaction id); the refused
            request is kept in the journal as revision {revising.revision}.
          </p>
        ) : (
          <div className="reference-row">
            {text(
              'reference',
              `Reference (${PROVIDER_TRAITS[item.supplier].referenceName})`,
              { spellCheck: false, autoComplete: 'off' },
              "Pre-filled with a new UUID; paste the client system's transaction id instead if it has one. Every retry uses this same reference.",
            )}
            <button type="button" className="button" onClick={() => change('reference', newReference())}>
              New reference
            </button>
          </div>
        )}
        {text(
          'memberId',
          'Member id (client system)',
          { spellCheck: false, autoComplete: 'off' },
          PROVIDER_TRAITS[item.supplier].receivesMemberId
            ? `The member’s id in the loyalty system; ${SUPPLIER_NAMES[item.supplier]} receives it with the order.`
            : `The member’s id in the loyalty system; journaled by the desk (${SUPPLIER_NAMES[item.supplier]} does not receive it).`,
        )}
        {item.supplier === 'gcp' &&
          field('deliveryType', 'Delivery type', (props) => (
            <select {...props}>
              {item.deliveryTypes.map((type) => (
                <option key={type} value={type}>
                  {DELIVERY_LABELS[type] ?? type}
                </option>
              ))}
            </select>
          ))}
        {isVariable(item) && range
          ? text(
              'value',
              `Card value (${item.currency ?? 'no currency'})`,
              { inputMode: 'decimal' },
              `Any value from ${range.min} to ${range.max}.`,
            )
          : field('value', 'Denomination', (props) => (
              <select {...props}>
                {item.denominations.map((d) => (
                  <option key={d} value={String(d)}>
                    {formatMoney(d, item.currency)}
                  </option>
                ))}
              </select>
            ))}
        {item.supplier === 'gcp' && text('quantity', 'Number of cards', { inputMode: 'numeric' })}

        {item.supplier === 'ascenda' && (
          <fieldset className="field-group">
            <legend>Recipient</legend>
            {text('recipient.email', label('recipient.email', 'Email'), { type: 'email' })}
            {text('recipient.phoneNumber', label('recipient.phoneNumber', 'Phone number'), { type: 'tel' })}
            {text('recipient.firstName', label('recipient.firstName', 'First name'))}
            {text('recipient.lastName', label('recipient.lastName', 'Last name'))}
          </fieldset>
        )}
        {item.supplier === 'gcp' && delivery === 'DigitalDelivery' && (
          <fieldset className="field-group">
            <legend>Send to (email, SMS or both)</legend>
            {text('email', 'Recipient email', { type: 'email' })}
            {text('sms', 'Recipient SMS number', { type: 'tel' }, 'International format, e.g. +15555555555')}
          </fieldset>
        )}
        {item.supplier === 'gcp' && delivery !== 'Links' && (
          <fieldset className="field-group">
            <legend>Personalization (optional)</legend>
            {text('personalization.to', 'To')}
            {text('personalization.fromName', 'From name')}
            {text('personalization.fromEmail', 'From email', { type: 'email' })}
            {field('personalization.message', 'Message', (props) => (
              <textarea rows={2} {...props} />
            ))}
          </fieldset>
        )}
        {item.supplier === 'gcp' && delivery === 'PhysicalShipment' && (
          <fieldset className="field-group">
            <legend>Ship to</legend>
            {field('physical.shippingMethodId', 'Shipping method', (props) => (
              <OptionSelect
                props={props}
                options={shipping.shippingMethods}
                empty="Pick a shipping method"
                currency={profile.depositCurrency || null}
              />
            ))}
            {field(
              'physical.carrierId',
              item.hasRequiredCardCarriers ? 'Card carrier (required)' : 'Card carrier',
              (props) => (
                <OptionSelect
                  props={props}
                  options={shipping.carriers}
                  empty="No carrier"
                  currency={profile.depositCurrency || null}
                />
              ),
            )}
            {shipping.error && <p className="form-error">{shipping.error}</p>}
            {text('physical.name', 'Recipient name')}
            {text('physical.addressLine1', 'Address line 1')}
            {text('physical.addressLine2', 'Address line 2')}
            {text('physical.city', 'City')}
            {text('physical.state', 'State or region')}
            {text('physical.zip', 'Postal code')}
            {text('physical.country', 'Country (2 letters)', { maxLength: 2 })}
          </fieldset>
        )}

        <QuoteSummary quote={quote} />
        {production && !revising && (
          <div className="production-confirm">
            <p>
              <strong>Production:</strong> this spends real money.{' '}
              {item.currency && profile.maxOrderValues[item.currency] !== undefined
                ? `Orders over ${formatMoney(profile.maxOrderValues[item.currency]!, item.currency)} are refused.`
                : `No per-order maximum is set for ${item.currency ?? 'this currency'}: set one in Settings first.`}
            </p>
            {text('confirmation', 'Type the reference again to confirm', {
              spellCheck: false,
              autoComplete: 'off',
            })}
          </div>
        )}
        {showActions && <FormActions revising={revising} busy={busy} sending={sending} label="Place order" />}
      </form>
      {reasons}
    </>
  );
}

/** Paths that belong to fields the form shows for some item or delivery type. */
const FIELD_PATHS = new Set([
  'reference',
  'confirmation',
  'memberId',
  'value',
  'quantity',
  'deliveryType',
  'email',
  'sms',
  'recipient.email',
  'recipient.phoneNumber',
  'recipient.firstName',
  'recipient.lastName',
  'personalization.to',
  'personalization.fromName',
  'personalization.fromEmail',
  'personalization.message',
  'physical.shippingMethodId',
  'physical.carrierId',
  'physical.name',
  'physical.addressLine1',
  'physical.addressLine2',
  'physical.city',
  'physical.state',
  'physical.zip',
  'physical.country',
]);

/** GiftCard Partners prices shipping and carriers from the deposit, so they are in the deposit's currency. */
function OptionSelect({
  props,
  options,
  empty,
  currency,
}: {
  props: object;
  options: Option[];
  empty: string;
  currency: string | null;
}) {
  return (
    <select {...props}>
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
          {o.cost !== null ? ` (${formatMoney(o.cost, currency)})` : ''}
        </option>
      ))}
    </select>
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
  const quantity = item.supplier === 'gcp' ? Number(values.quantity) : 1;
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

function useShipping(wanted: boolean) {
  const [state, setState] = useState<{ shippingMethods: Option[]; carriers: Option[]; error: string | null }>(
    {
      shippingMethods: [],
      carriers: [],
      error: null,
    },
  );
  const loaded = state.shippingMethods.length > 0;
  useEffect(() => {
    if (!wanted || loaded) return;
    void desk()
      .catalogue.shipping()
      .then((reply) =>
        setState(
          reply.ok
            ? { ...reply.value, error: null }
            : {
                shippingMethods: [],
                carriers: [],
                error: `Could not load shipping options: ${reply.error.message}`,
              },
        ),
      );
  }, [wanted, loaded]);
  return state;
}
