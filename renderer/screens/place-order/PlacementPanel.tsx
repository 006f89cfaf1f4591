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
import { Fact } from '../../components/Fact';
import { OrderFacts, OrderItems } from '../../components/OrderFacts';
import { SupplierProblem } from '../../components/SupplierProblem';
import { Timeline } from '../../components/Timeline';
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
      <p className={`tone-status tone-${status.tone}`} role="status" aria-label="Placement status">
        {status.label}
      </p>
      <OrderFacts
        supplier={placement.supplier}
        reference={placement.reference}
        supplierOrderId={placement.supplierOrderId}
        memberId={placement.memberId}
        memberUnknown="unknown (matched by recipient)"
      >
        <Fact term="Points journaled">
          {points === null
            ? pointsUnknownText(orderFacts(placement.order).currency)
            : points.costPerPoint === null
              ? `${formatPoints(points.points)} redeemed in the client system (owed back in full if the transfer fails)`
              : `${formatPoints(points.points)} at ${formatMoney(points.costPerPoint, points.currency)} per point`}
        </Fact>
        {isTransfer(placement.order) && <TransferFacts order={placement.order} />}
        <Fact term="Attempts">
          {placement.attempts} sent · {placement.resends} resent · revision {placement.revision}
        </Fact>
        <Fact term="Placed by">
          {placement.agent}, {formatDateTime(placement.createdAt)}
        </Fact>
      </OrderFacts>
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
          <OrderItems supplier={placement.supplier} items={items} />
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
      <Fact term="Programme">
        {order.programName ?? order.programId} ({order.programId})
      </Fact>
      <Fact term="Amount">{orderAmountText(order)}</Fact>
      <div>
        <dt>Membership</dt>
        <dd className="path">
          {order.membership.id} · {order.membership.firstName} {order.membership.lastName}
        </dd>
      </div>
    </>
  );
}
