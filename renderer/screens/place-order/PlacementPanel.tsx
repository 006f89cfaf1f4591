import { SUPPLIER_NAMES } from '../../../shared/domain';
import type { Placement } from '../../../shared/placement';
import { ItemErrors } from '../../components/ItemErrors';
import { SupplierProblem } from '../../components/SupplierProblem';
import { Timeline } from '../../components/Timeline';
import { formatWhen, STATE_LABELS } from '../../format';
import { placementStatus, pointsFor } from './placement-status';

/** One placement as it happens: where it stands in words, what the member is owed, and every step taken. */
export function PlacementPanel({ placement, cpp }: { placement: Placement; cpp: number }) {
  const status = placementStatus(placement);
  const supplier = SUPPLIER_NAMES[placement.supplier];
  const items = placement.supplierOrder?.items ?? [];
  return (
    <section className="placement-panel" aria-labelledby="placement-heading">
      <h2 id="placement-heading">
        Placement #{placement.id} · {placement.reference}
      </h2>
      <p className={`placement-status tone-${status.tone}`} role="status" aria-label="Placement status">
        {status.label}
      </p>
      <dl className="facts">
        <div>
          <dt>Supplier</dt>
          <dd>{supplier}</dd>
        </div>
        <div>
          <dt>Supplier order id</dt>
          <dd className="path">{placement.supplierOrderId ?? '—'}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>
            {placement.attempts} sent · {placement.resends} resent
          </dd>
        </div>
        <div>
          <dt>Placed by</dt>
          <dd>
            {placement.agent}, {formatWhen(placement.createdAt)}
          </dd>
        </div>
      </dl>
      {placement.state === 'needs_ops' && (
        <div className="ops-escalation" role="alert">
          <p>
            <strong>Escalate to {supplier} Ops.</strong> Tell them: “Reference {placement.reference} (placed{' '}
            {formatWhen(placement.createdAt)}, {placement.attempts} attempts) got no definite answer. Does an
            order exist for it?” Do not refund the member or place it again under a new reference until they
            answer.
          </p>
        </div>
      )}
      {placement.outcome === 'refund_due' && (
        <p className="refund-note" role="alert">
          Refund the member {pointsFor(placement, cpp).toLocaleString()} points: the supplier failed or
          cancelled this order.
        </p>
      )}
      {placement.state === 'rejected' && placement.lastError && (
        <SupplierProblem info={placement.lastError} />
      )}
      {items.length > 0 && (
        <>
          <h3>Items</h3>
          <ul className="order-items" aria-label="Items">
            {items.map((item) => (
              <li key={item.id}>
                <p>
                  {item.productName ?? item.productId} × {item.quantity} ·{' '}
                  <span className={`state state-${item.state}`}>{STATE_LABELS[item.state]}</span>
                </p>
                <ItemErrors supplier={placement.supplier} errors={item.errors} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Timeline</h3>
      <Timeline label="Timeline" entries={placement.timeline} />
    </section>
  );
}
