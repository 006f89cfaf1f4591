import { describeItem } from '../../../shared/orders';
import { useState } from 'react';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { ticketSummary, type LookupResult } from '../../../shared/lookup';
import { ItemErrors } from '../../components/ItemErrors';
import { Timeline } from '../../components/Timeline';
import { formatWhen, STATE_LABELS } from '../../format';
import { useLookupStore } from '../../store/lookup-store';
import { PlacementActions } from '../place-order/PlacementActions';
import { VerificationFacts } from '../place-order/VerificationFacts';
import { freshness } from './lookup-format';

/** One order: what to do first, then its items with the supplier's words and ours, then its timeline. */
export function LookupDetail({ result }: { result: LookupResult }) {
  const { refresh, refreshing } = useLookupStore();
  const [ticket, setTicket] = useState<string | null>(null);
  const { recommendation, order } = result;
  const copyTicket = async () => {
    const text = ticketSummary(result);
    setTicket(text);
    // The clipboard may be refused (no user gesture, browser policy); the text stays on screen to copy by hand.
    await navigator.clipboard?.writeText(text).catch(() => undefined);
  };
  return (
    <section className="lookup-detail" aria-labelledby="lookup-detail-heading">
      <h2 id="lookup-detail-heading">
        {SUPPLIER_NAMES[result.supplier]} · {result.reference}
      </h2>
      <p className="hint">{freshness(result)}</p>
      {result.archived && (
        <p className="banner banner-info" role="note">
          From the archived journal of the deleted profile “{result.archived.profileName}” (archived{' '}
          {formatWhen(result.archived.archivedAt)}): read-only.
        </p>
      )}
      <div
        className={`recommendation tone-${recommendation.tone}`}
        role="status"
        aria-label="Recommended action"
      >
        <p className="recommendation-title">{recommendation.title}</p>
        <p>{recommendation.action}</p>
      </div>
      {result.placement?.candidate && <VerificationFacts placement={result.placement} />}
      {result.placement && !result.archived && <PlacementActions placement={result.placement} />}
      <div className="detail-actions">
        {!result.archived && (
          <button type="button" className="button" disabled={refreshing} onClick={() => void refresh(result)}>
            {refreshing ? 'Refreshing…' : 'Refresh from supplier'}
          </button>
        )}
        <button type="button" className="button" onClick={() => void copyTicket()}>
          Copy ticket summary
        </button>
      </div>
      {ticket && (
        <label className="field">
          Ticket summary
          <textarea readOnly rows={Math.min(12, ticket.split('\n').length)} value={ticket} />
        </label>
      )}
      <dl className="facts">
        <div>
          <dt>Supplier order id</dt>
          <dd className="path">{result.supplierOrderId ?? '—'}</dd>
        </div>
        {order && (
          <>
            <div>
              <dt>Supplier status</dt>
              <dd>{order.supplierStatus}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatWhen(order.createdAt)}</dd>
            </div>
            {order.memberId && (
              <div>
                <dt>Member id</dt>
                <dd className="path">{order.memberId}</dd>
              </div>
            )}
          </>
        )}
        {result.placement && (
          <div>
            <dt>Desk placement</dt>
            <dd>
              #{result.placement.id} by {result.placement.agent}, {result.placement.state},{' '}
              {result.placement.attempts} attempts
            </dd>
          </div>
        )}
      </dl>
      {order && order.items.length > 0 && (
        <>
          <h3>Items</h3>
          <ul className="order-items" aria-label="Items">
            {order.items.map((item) => (
              <li key={item.id}>
                <p>
                  <strong>{describeItem(item)}</strong> ·{' '}
                  <span className={`state state-${item.state}`}>
                    {item.state === 'unknown'
                      ? `Unknown status “${item.supplierStatus}”`
                      : STATE_LABELS[item.state]}
                  </span>{' '}
                  <span className="hint">(supplier says “{item.supplierStatus}”)</span>
                </p>
                <ItemErrors supplier={result.supplier} errors={item.errors} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Timeline</h3>
      <Timeline
        label="Order timeline"
        entries={result.timeline.map((e) => ({
          ...e,
          message: `${e.source === 'journal' ? 'Desk' : 'Supplier'}: ${e.message}`,
        }))}
      />
    </section>
  );
}
