import { SUPPLIER_NAMES, type Profile } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { formatDuration } from '../../../shared/format';
import type { IntentCheck, IntentMatch, ReferenceUse } from '../../../shared/intents';
import { IN_DOUBT_STATES, orderAmountText, orderFacts, type PlacementOrder } from '../../../shared/placement';
import type { Store } from '../../store/protocol/api';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Reference hygiene: a new placement whose reference is already in this profile's journal or cache (either
 * supplier) is refused before anything is sent, with where it is used, so the agent opens that order instead.
 */
export async function checkReference(store: Store, reference: string): Promise<void> {
  const [placements, orders] = await Promise.all([
    store.placements.withReference(reference),
    store.orders.findByReference(reference),
  ]);
  const uses: ReferenceUse[] = [
    ...placements.map((p) => ({
      source: 'journal' as const,
      supplier: p.supplier,
      reference: p.reference,
      placementId: p.id,
      orderId: null,
      state: p.state,
    })),
    ...orders
      .filter((o) => o.reference === reference)
      .map((o) => ({
        source: 'cache' as const,
        supplier: o.supplier,
        reference: o.reference,
        placementId: null,
        orderId: o.id,
        state: o.state,
      })),
  ];
  if (uses.length === 0) return;
  const where = uses
    .map((u) =>
      u.placementId !== null
        ? `placement #${u.placementId} at ${SUPPLIER_NAMES[u.supplier]} (${u.state.replace('_', ' ')})`
        : `a ${SUPPLIER_NAMES[u.supplier]} order in the history (${u.state})`,
    )
    .join('; ');
  throw new AppError(
    'REFERENCE_IN_USE',
    `Reference ${reference} is already used: ${where}. Nothing was sent. Open that order, or use the client system's id of a new transaction.`,
    uses,
  );
}

/**
 * The duplicate-intent guard: this member's placements still in doubt (any age), and their placements and
 * cached orders for the same product and face value within the profile's window. A member without an id
 * (GiftCard Partners drafts may lack one) is matched by the recipient's email or phone.
 */
export async function checkIntent(
  store: Store,
  profile: Profile,
  order: PlacementOrder,
  now: number,
): Promise<IntentCheck> {
  const facts = orderFacts(order);
  const { productId, email, phone, memberId, value } = facts;
  const member = memberId ? `Member ${memberId}` : `The recipient ${email ?? phone ?? '(no member id)'}`;
  const windowMs = profile.duplicateWindowDays * DAY_MS;
  if (!memberId && !email && !phone) return { member, windowDays: profile.duplicateWindowDays, matches: [] };
  const since = new Date(now - windowMs).toISOString();
  const found = await store.intents.similar({
    memberId,
    email,
    phone,
    productId,
    value,
    since,
    inDoubtStates: IN_DOUBT_STATES,
  });
  const matches: IntentMatch[] = [];
  for (const placement of found.placements) {
    const inDoubt = IN_DOUBT_STATES.includes(placement.state);
    const p = orderFacts(placement.order);
    const sameIntent = p.productId === productId && Math.abs(p.value - value) < 0.005;
    const recent = Date.parse(placement.createdAt) >= now - windowMs;
    // A refused placement ordered nothing; an in-doubt one blocks whatever it was for.
    if (!inDoubt && (placement.state === 'rejected' || !sameIntent || !recent)) continue;
    matches.push({
      source: 'journal',
      supplier: placement.supplier,
      reference: placement.reference,
      placementId: placement.id,
      orderId: null,
      supplierOrderId: placement.supplierOrderId,
      state: placement.state,
      inDoubt,
      at: placement.createdAt,
      why: inDoubt
        ? `placement #${placement.id} of this member is still in doubt (${placement.state.replace('_', ' ')})`
        : `same ${productLabel(order)} at ${orderAmountText(order)}, placed ${ago(now, placement.createdAt)} (placement #${placement.id})`,
    });
  }
  const journaled = new Set(found.placements.map((p) => `${p.supplier}:${p.supplierOrderId}`));
  for (const row of found.orders) {
    if (journaled.has(`${row.supplier}:${row.supplierOrderId}`)) continue;
    matches.push({
      source: 'cache',
      supplier: row.supplier,
      reference: row.reference,
      placementId: null,
      orderId: row.id,
      supplierOrderId: row.supplierOrderId,
      state: row.state,
      inDoubt: false,
      at: row.createdAt,
      why: `same ${productLabel(order)} at ${orderAmountText(order)} in the ${SUPPLIER_NAMES[row.supplier]} history, ${row.createdAt ? ago(now, row.createdAt) : 'date unknown'} (reference ${row.reference})`,
    });
  }
  matches.sort((a, b) => Number(b.inDoubt) - Number(a.inDoubt) || (b.at ?? '').localeCompare(a.at ?? ''));
  return { member, windowDays: profile.duplicateWindowDays, matches };
}

const productLabel = (order: PlacementOrder) => {
  const { productName, productId } = orderFacts(order);
  return productName ?? productId;
};

const ago = (now: number, iso: string) => `${formatDuration(now - Date.parse(iso))} ago`;
