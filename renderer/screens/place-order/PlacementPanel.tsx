import { describeItem } from '../../../shared/orders';
import { CopyId } from '../../components/CopyId';
import type { Profile } from '../../../shared/domain';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { formatDateTime, formatMoney, formatPoints } from '../../../shared/format';
import {
  isTransfer,
  orderAmountText,
  orderFacts,
  type Placement,
  type TransferOrder,
} from '../../../shared/placement';
import { pointsUnknownText } from '../../../shared/points';
import { ItemErrors } from '../../components/ItemErrors';
import { SupplierProblem } from '../../components/SupplierProblem';
import { Timeline } from '../../components/Timeline';
import { STATE_LABELS } from '../../format';
import { PlacementActions } from './PlacementActions';
import { placementStatus, refundOwedText } from './placement-status';
import { VerificationFacts } from './VerificationFacts';

/** One placement as it happens: where it stands in words, what the member is owed, and every step taken. */
export function PlacementPanel({ placement, profile }: { placement: Placement; profile: Profile }) {
  const status = placementStatus(placement, profile.pointRates);
  const supplier = SUPPLIER_NAMES[placement.supplier];
  const items = placement.supplierOrder?.items ?? [];
  const points = placement.points;
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
          <dt>Reference</dt>
          <dd>
            <CopyId value={placement.reference} label="reference" />
          </dd>
        </div>
        <div>
          <dt>Member</dt>
          <dd>
            {placement.memberId ? (
              <CopyId value={placement.memberId} label="member id" />
            ) : (
              'unknown (matched by recipient)'
            )}
          </dd>
        </div>
        <div>
          <dt>Supplier order id</dt>
          <dd>
            <CopyId value={placement.supplierOrderId} label="supplier order id" />
          </dd>
        </div>
        <div>
          <dt>Points journaled</dt>
          <dd>
            {points === null
              ? pointsUnknownText(orderFacts(placement.order).currency)
              : points.costPerPoint === null
                ? `${formatPoints(points.points)} redeemed in the client system (owed back in full if the transfer fails)`
                : `${formatPoints(points.points)} at ${formatMoney(points.costPerPoint, points.currency)} per point`}
          </dd>
        </div>
        {isTransfer(placement.order) && <TransferFacts order={placement.order} />}
        <div>
          <dt>Attempts</dt>
          <dd>
            {placement.attempts} sent · {placement.resends} resent · revision {placement.revision}
          </dd>
        </div>
        <div>
          <dt>Placed by</dt>
          <dd>
            {placement.agent}, {formatDateTime(placement.createdAt)}
          </dd>
        </div>
      </dl>
      {placement.intentOverride && (
        <p className="hint">Placed despite a similar order: “{placement.intentOverride}”.</p>
      )}
      {placement.state === 'needs_ops' && (
        <div className="ops-escalation" role="alert">
          <p>
            <strong>Escalate to {supplier} Ops.</strong> Tell them: “Reference {placement.reference} (placed{' '}
            {formatDateTime(placement.createdAt)}, {placement.attempts} attempts) got no definite answer. Does
            an order exist for it?”
            {placement.candidate &&
              ` Include order ${placement.candidate.order.id}, which ${supplier} handed back but which is not provably ours.`}{' '}
            Do not refund the member or place it again under a new reference until they answer.
          </p>
        </div>
      )}
      {placement.candidate && <VerificationFacts placement={placement} />}
      {placement.outcome === 'refund_due' && (
        <p className="refund-note" role="alert">
          {placement.state === 'not_found'
            ? `The member is owed ${points ? formatPoints(points.points) : pointsUnknownText(orderFacts(placement.order).currency)} unless it is sent again with the same reference.`
            : `The member is owed their points back: ${refundOwedText(placement, profile.pointRates)}.`}
        </p>
      )}
      {placement.state === 'rejected' && placement.lastError && (
        <SupplierProblem info={placement.lastError} />
      )}
      <PlacementActions placement={placement} />
      {items.length > 0 && (
        <>
          <h3>Items</h3>
          <ul className="order-items" aria-label="Items">
            {items.map((item) => (
              <li key={item.id}>
                <p>
                  {describeItem(item)} ·{' '}
                  <span className={`state state-${item.state}`}>
                    {item.state === 'unknown'
                      ? `Unknown status “${item.supplierStatus}”`
                      : STATE_LABELS[item.state]}
                  </span>
                </p>
                <ItemErrors supplier={placement.supplier} errors={item.errors} />
              </li>
            ))}
          </ul>
        </>
      )}
      {placement.revisions.length > 0 && (
        <>
          <h3>Earlier revisions</h3>
          <ul aria-label="Earlier revisions">
            {placement.revisions.map((r) => (
              <li key={r.revision}>
                Revision {r.revision}: {orderAmountText(r.order)} · replaced by {r.agent},{' '}
                {formatDateTime(r.at)}
                {r.reason ? ` — “${r.reason}”` : ''}
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

/** What a transfer was journaled with: the programme, the amount in its units and the membership it goes to. */
function TransferFacts({ order }: { order: TransferOrder }) {
  return (
    <>
      <div>
        <dt>Programme</dt>
        <dd>
          {order.programName ?? order.programId} ({order.programId})
        </dd>
      </div>
      <div>
        <dt>Amount</dt>
        <dd>{orderAmountText(order)}</dd>
      </div>
      <div>
        <dt>Membership</dt>
        <dd className="path">
          {order.membership.id} · {order.membership.firstName} {order.membership.lastName}
        </dd>
      </div>
    </>
  );
}
