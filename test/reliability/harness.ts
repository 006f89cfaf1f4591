import { randomUUID } from 'node:crypto';
import type { SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { FaultKind } from '../../main/sandbox/faults';
import type { PlacementOrder } from '../../shared/placement';

/** Fast clocks for the runner, so a thousand placements with retries finish in seconds. */
export const FAST_POLICY = {
  resendBaseMs: 20,
  resendCapMs: 200,
  pollBaseMs: 20,
  pollCapMs: 200,
  maxResends: 5,
};
export const FAST_TIMEOUTS = { readMs: 400, createMs: 400, tokenMs: 2_000 };

/** 30% of creates meet a fault, spread over every kind that leaves the outcome in doubt (plus 429). */
export const CREATE_FAULTS: Array<{ kind: FaultKind; status?: 500 | 502 | 503 | 504; delayMs?: number }> = [
  { kind: 'drop_after_commit' },
  { kind: 'drop_before_commit' },
  { kind: 'delay_before_commit', delayMs: 700 },
  { kind: 'delay_after_commit', delayMs: 700 },
  { kind: 'status_before_commit', status: 503 },
  { kind: 'status_after_commit', status: 500 },
  { kind: 'rate_limit' },
];

export function armFaults(pair: SandboxPair, createRate = 0.3, lookupRate = 0.1): void {
  const each = createRate / CREATE_FAULTS.length;
  for (const fault of CREATE_FAULTS) {
    for (const route of ['POST /fulfillment_orders/gift_cards', 'POST /fulfillment_orders/points_transfers'])
      pair.ascenda.faults.add({ ...fault, route, rate: each, retryAfterSeconds: 0 });
    pair.gcp.faults.add({ ...fault, route: 'POST /v1/Orders', rate: each, retryAfterSeconds: 0 });
  }
  pair.ascenda.faults.add({ kind: 'drop_before_commit', route: 'GET /orders', rate: lookupRate });
  pair.gcp.faults.add({
    kind: 'status_before_commit',
    route: 'GET /v1/Orders',
    status: 504,
    rate: lookupRate,
  });
}

/** Every other Ascenda order is a points transfer (to a programme that credits at once). */
export const isTransferIndex = (i: number) => i % 4 === 2;
/** One transfer in ten goes to a programme Ascenda does not have: a definite rejection (NN1002). */
export const isInvalidTransferIndex = (i: number) => i % 40 === 10;

/**
 * A mix of both suppliers and both Ascenda kinds (gift cards and points transfers); one in twenty is invalid on
 * purpose (a definite rejection), and one transfer in ten.
 */
export function orders(pair: SandboxPair, count: number, prefix = 'rel'): PlacementOrder[] {
  const card = pair.ascenda.cards.find(
    (c) => c.currency === 'USD' && c.required_recipient_fields.length === 1,
  )!;
  const product = pair.gcp.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
  return Array.from({ length: count }, (_, i) => {
    const reference = `${prefix}-${i}-${randomUUID().slice(0, 8)}`;
    const invalid = i % 20 === 19;
    if (isTransferIndex(i)) {
      return {
        supplier: 'ascenda',
        kind: 'points_transfer',
        reference,
        memberId: `M-${i}`,
        programId: isInvalidTransferIndex(i) ? 'lp_no_such_programme' : 'lp_skyward',
        programName: 'Skyward Miles',
        amount: 5_000,
        membership: { id: 'EK123456789', firstName: 'Ana', lastName: 'Tan' },
        pointsRedeemed: 5_000,
        user: { email: 'member@example.com' },
      };
    }
    if (i % 2 === 0) {
      return {
        supplier: 'ascenda',
        reference,
        memberId: `M-${i}`,
        giftCardId: invalid ? 'no-such-card' : card.id,
        value: card.denominations[0]!,
        currency: 'USD',
        recipient: {
          email: 'member@example.com',
          phoneNumber: '+6591234567',
          firstName: 'Ana',
          lastName: 'Lim',
        },
      };
    }
    return {
      supplier: 'gcp',
      reference,
      memberId: `M-${i}`,
      productId: invalid ? 'NO-SUCH-PRODUCT' : product.Id,
      deliveryType: 'DigitalDelivery',
      value: product.Denominations[0]!,
      quantity: 1,
      email: 'member@example.com',
    };
  });
}

export interface Verdict {
  placements: number;
  duplicates: number;
  lost: number;
  confirmed: number;
  rejected: number;
  needsOps: number;
  /** Ended mismatched, unverified or resolved "not ours": against honest simulators, always a defect. */
  mismatches: number;
  problems: string[];
}

/**
 * The supplier's truth against the journal: at most one supplier order per reference, and every placement
 * final and agreeing with the supplier (confirmed ⇒ that exact order exists; rejected ⇒ none exists).
 */
export function verdict(
  pair: SandboxPair,
  journal: Array<{
    reference: string;
    supplier: 'ascenda' | 'gcp';
    state: string;
    supplierOrderId: string | null;
  } | null>,
  expected: PlacementOrder[],
): Verdict {
  const v: Verdict = {
    placements: expected.length,
    duplicates: 0,
    lost: 0,
    confirmed: 0,
    rejected: 0,
    needsOps: 0,
    mismatches: 0,
    problems: [],
  };
  expected.forEach((order, i) => {
    const atSupplier =
      order.supplier === 'ascenda'
        ? pair.ascenda.ordersWithReference(order.reference).map((o) => o.id)
        : pair.gcp.ordersWithPo(order.reference).map((o) => o.Id);
    if (atSupplier.length > 1) {
      v.duplicates++;
      v.problems.push(`${order.reference}: ${atSupplier.length} supplier orders`);
    }
    const placement = journal[i];
    if (!placement) {
      v.lost++;
      v.problems.push(`${order.reference}: not in the journal`);
      return;
    }
    if (placement.state === 'confirmed') {
      v.confirmed++;
      if (atSupplier.length !== 1 || atSupplier[0] !== placement.supplierOrderId) {
        v.lost++;
        v.problems.push(
          `${order.reference}: confirmed as ${placement.supplierOrderId}, supplier has [${atSupplier.join(', ')}]`,
        );
      }
    } else if (placement.state === 'rejected') {
      v.rejected++;
      if (atSupplier.length > 0) {
        v.lost++;
        v.problems.push(`${order.reference}: rejected, but the supplier holds ${atSupplier.join(', ')}`);
      }
    } else if (placement.state === 'needs_ops') {
      v.needsOps++;
    } else if (['mismatch', 'unverified', 'not_found'].includes(placement.state)) {
      v.mismatches++;
      v.problems.push(`${order.reference}: ended ${placement.state} against an honest supplier`);
    } else {
      v.lost++;
      v.problems.push(`${order.reference}: left ${placement.state}`);
    }
  });
  return v;
}
