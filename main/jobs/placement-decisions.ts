// Over 400 lines on purpose: it is the whole placement state machine as one table: every transition in one place is
// what makes it reviewable.
import { SUPPLIER_NAMES } from '../../shared/domain';
import { errorTitle, explainCode, explainSupplierError } from '../../shared/error-catalogue';
import { formatDuration } from '../../shared/format';
import type { SupplierOrder } from '../../shared/orders';
import { TERMINAL_STATES } from '../../shared/orders';
import {
  isTransfer,
  type Placement,
  type PlacementEventKind,
  type PlacementOutcome,
  type PlacementState,
  type Verification,
} from '../../shared/placement';
import { refundOwed, refundText, type PointRates } from '../../shared/points';
import { STUCK_HORIZON_TEXT } from '../../shared/stuck';
import type { SupplierErrorInfo, SupplierErrorKind } from '../../shared/supplier-errors';
import { describeVerification, verifyOrder } from './placement-verify';

/**
 * The placement state machine's decisions as data (ARCHITECTURE "Placement: exactly once" and "Money-safe
 * outcomes"): the state plus what the supplier answered give the next state, the timeline line and what the
 * agent is told. Pure: no I/O, no clock, no randomness. The runner performs the calls and carries decisions out.
 */

export interface DecisionPolicy {
  /** Resends after "not found" before a person must look (ARCHITECTURE: 5). */
  maxResends: number;
  /** Look-ups while unverified or mismatched before a person must look (5). */
  maxLookups: number;
  /** Past this age an unresolved placement goes to Ops however few resends it had (24 h). */
  giveUpAfterMs: number;
  /** An item status the desk does not know raises an alert after this long. */
  unknownStatusAlertMs: number;
}

export interface DecisionContext {
  placement: Placement;
  policy: DecisionPolicy;
  /** How long the current round has run (monotonic where the desk could measure it; never negative). */
  ageMs: number;
  /** Wall time, ISO: only for timestamps the decision writes. */
  now: string;
  /** Wall time minus the moment items first reported an unknown status (ms; 0 when not known). */
  unknownStatusForMs: number;
  /** The profile's current cost per point by currency: for refunds of placements journaled without a rate. */
  rates: PointRates;
}

/** What happened when the runner performed the step the placement's state asked for. */
export type Answer =
  /** The supplier client could not be made (credentials, configuration): the request did not leave the desk. */
  | { kind: 'not_sent'; error: SupplierErrorInfo }
  | { kind: 'created'; order: SupplierOrder }
  | { kind: 'create_failed'; error: SupplierErrorInfo }
  /** After a duplicate answer: the original order as fetched (null when the supplier gave none back). */
  | { kind: 'original'; order: SupplierOrder | null; duplicate: SupplierErrorInfo }
  /** A look-up by exact reference (or a read-back by id of the order handed back) found this order. */
  | { kind: 'found'; order: SupplierOrder }
  | { kind: 'not_found' }
  | { kind: 'lookup_failed'; error: SupplierErrorInfo }
  | { kind: 'polled'; order: SupplierOrder }
  | { kind: 'poll_failed'; error: SupplierErrorInfo };

/** What the runner does after writing the decision. */
export type Next =
  /** Drive the next step at once. */
  | { kind: 'continue' }
  /** Wait (backoff step `step`), then drive again. */
  | { kind: 'wait'; step: number }
  /** Wait (backoff step `step`), then journal a resend with the same reference. */
  | { kind: 'resend'; step: number }
  /** Fetch the original order the supplier says holds this reference, then decide on `original`. */
  | { kind: 'follow_duplicate'; duplicate: SupplierErrorInfo }
  /** Schedule the next item-status check. */
  | { kind: 'poll' }
  /** Nothing more to do by itself: final, or a person decides. */
  | { kind: 'stop' };

export interface Decision {
  state: PlacementState;
  outcome?: PlacementOutcome | null;
  event: {
    kind: PlacementEventKind;
    message: string;
    httpStatus: number | null;
    supplierCode: string | null;
    requestId: string | null;
  };
  /** Our order, verified. */
  supplierOrder?: SupplierOrder;
  /** The order handed back that is not (provably) ours; null clears it. */
  candidate?: { order: SupplierOrder; verification: Verification } | null;
  /** An order handed back that differs: kept in the journal for Ops. */
  foreignOrder?: SupplierOrder;
  lastError?: SupplierErrorInfo | null;
  lookups?: 'count' | 'reset';
  unknownStatusSince?: string | null;
  next: Next;
  /** The audit line for a transition an agent will ask about. */
  audit?: string;
}

const entryTitle = (error: SupplierErrorInfo) => {
  const title = errorTitle(error);
  return title.charAt(0).toUpperCase() + title.slice(1);
};

/** Kinds that prove the supplier took nothing (on a first send): "nothing was ordered" is true. */
const REFUSALS = new Set<SupplierErrorKind>([
  'DEFINITE_REJECTION',
  'INSUFFICIENT_FUNDS',
  'AUTH',
  'NOT_CONFIGURED',
]);

/** Kinds where the desk's own request never left it: no connection, an untrusted certificate. */
const NEVER_LEFT = new Set<SupplierErrorKind>(['UNREACHABLE', 'TLS']);

export const isRefusal = (error: SupplierErrorInfo | null): boolean =>
  error !== null && REFUSALS.has(error.kind);

const facts = (error: SupplierErrorInfo | null) => ({
  httpStatus: error?.httpStatus ?? null,
  supplierCode: error?.supplierCode ?? null,
  requestId: error?.requestId ?? null,
});
const none = facts(null);

/** The timeline line written just before a request leaves (bookkeeping before I/O, not a decision). */
export function sendingMessage(placement: Placement, attempt: number): string {
  const supplier = SUPPLIER_NAMES[placement.supplier];
  return attempt === 1 ? `Sent to ${supplier}` : `Resent to ${supplier} with the same reference`;
}

/** The line written when a wait after "not found" ends and the same reference is sent again. */
export function resendMessage(placement: Placement, policy: DecisionPolicy): string {
  return `Resend ${placement.resends + 1} of ${policy.maxResends}, with the same reference`;
}

export function decide(context: DecisionContext, answer: Answer): Decision {
  switch (answer.kind) {
    case 'not_sent':
      return notSent(context, answer.error);
    case 'created':
      return verified(context, answer.order, 'confirmed', 'accepted the order');
    case 'create_failed':
      return createFailed(context, answer.error);
    case 'original':
      return answer.order
        ? verified(context, answer.order, 'duplicate', 'already had this reference from an earlier attempt')
        : {
            state: 'unknown',
            lastError: answer.duplicate,
            event: {
              kind: 'unknown',
              message: `${supplierOf(context)} says it already has this reference but did not hand the order back; the desk looks it up by reference.`,
              ...facts(answer.duplicate),
            },
            next: { kind: 'continue' },
          };
    case 'found':
      return verified(context, answer.order, 'lookup', 'has our reference');
    case 'not_found':
      return notFound(context);
    case 'lookup_failed':
      return lookupFailed(context, answer.error);
    case 'polled':
      return polled(context, answer.order);
    case 'poll_failed':
      return {
        state: context.placement.state,
        event: {
          kind: 'status',
          message: `Could not read the order's status (${answer.error.kind.toLowerCase()}); checking again later.`,
          ...facts(answer.error),
        },
        next: { kind: 'poll' },
      };
  }
}

const supplierOf = ({ placement }: DecisionContext) => SUPPLIER_NAMES[placement.supplier];

function notSent(context: DecisionContext, error: SupplierErrorInfo): Decision {
  const cause = error.supplierMessage ?? explainSupplierError(error).explanation;
  // Only the first attempt can be called refused: after an earlier one left, it may have landed.
  if (context.placement.attempts === 0) {
    return {
      state: 'rejected',
      lastError: error,
      event: { kind: 'rejected', message: `Not sent: ${cause} Nothing was ordered.`, ...facts(error) },
      next: { kind: 'stop' },
      audit: 'placement rejected',
    };
  }
  return {
    state: 'unknown',
    lastError: error,
    event: {
      kind: 'unknown',
      message: `Could not send again (${cause}); an earlier attempt may have landed, so the desk looks it up first.`,
      ...facts(error),
    },
    next: { kind: 'wait', step: 0 },
  };
}

function createFailed(context: DecisionContext, error: SupplierErrorInfo): Decision {
  const { placement } = context;
  const supplier = supplierOf(context);
  if (error.kind === 'DUPLICATE') {
    return {
      state: 'journaled',
      lastError: error,
      event: {
        kind: 'duplicate',
        message: `${supplier} already has this reference: fetching that order to check it is ours.`,
        ...facts(error),
      },
      next: { kind: 'follow_duplicate', duplicate: error },
    };
  }
  if (REFUSALS.has(error.kind)) {
    if (placement.resends > 0) {
      return {
        state: 'unknown',
        lastError: error,
        event: {
          kind: 'unknown',
          message: `Refused on resend (${errorTitle(error)}); an earlier attempt may have landed, so the desk looks it up before calling it refused.`,
          ...facts(error),
        },
        next: { kind: 'continue' },
      };
    }
    return {
      state: 'rejected',
      lastError: error,
      event: { kind: 'rejected', message: refusalSentence(context, error), ...facts(error) },
      next: { kind: 'stop' },
      audit: 'placement rejected',
    };
  }
  if (error.kind === 'RATE_LIMITED') {
    return {
      state: 'journaled',
      lastError: error,
      event: {
        kind: 'unknown',
        message: `${supplier} asked the desk to slow down; nothing was processed. Sending again shortly with the same reference.`,
        ...facts(error),
      },
      next: { kind: 'wait', step: 0 },
    };
  }
  const message = NEVER_LEFT.has(error.kind)
    ? `Could not reach ${supplier} (${errorTitle(error)}); nothing was sent this time. The desk checks the reference and sends again when ${supplier} answers.`
    : `${entryTitle(error)}: the order may or may not exist. The desk looks it up by reference before anything else.`;
  return {
    state: 'unknown',
    lastError: error,
    event: { kind: 'unknown', message, ...facts(error) },
    next: { kind: 'continue' },
  };
}

function refusalSentence(context: DecisionContext, error: SupplierErrorInfo): string {
  const why = error.supplierMessage ? ` (${error.supplierMessage})` : '';
  return `Refused by ${supplierOf(context)}: ${errorTitle(error)}${why}. Nothing was ordered.`;
}

/** An order the supplier handed back: ours only if it matches what was journaled. */
function verified(
  context: DecisionContext,
  order: SupplierOrder,
  kind: 'confirmed' | 'duplicate' | 'lookup',
  how: string,
): Decision {
  const { placement } = context;
  const supplier = supplierOf(context);
  const verification = verifyOrder(placement.order, order);
  if (verification.verdict === 'match') {
    const outcome = outcomeOf(order);
    return {
      state: 'confirmed',
      outcome,
      supplierOrder: order,
      candidate: null,
      lastError: null,
      lookups: 'reset',
      event: {
        kind,
        message: `${supplier} ${how}; it matches what was journaled. ${outcomeSentence(context, order, outcome)}`,
        ...none,
      },
      next: outcome === 'tracking' ? { kind: 'poll' } : { kind: 'stop' },
      audit: 'placement confirmed',
    };
  }
  const mismatch = verification.verdict === 'mismatch';
  const state = mismatch ? 'mismatch' : 'unverified';
  const where = `${supplier} handed back order ${order.id}`;
  const what = describeVerification(verification);
  // Already checking: this was one more look-up, counted against the limit, then a wait.
  const checking = placement.state === 'unverified' || placement.state === 'mismatch';
  if (
    checking &&
    (placement.lookups + 1 >= context.policy.maxLookups || context.ageMs > context.policy.giveUpAfterMs)
  ) {
    return {
      ...escalate(
        { ...context, placement: { ...placement, candidate: { order, verification } } },
        `${where}, still ${mismatch ? 'different from' : 'not checkable against'} what was journaled (${what}), and ours was not found after ${placement.lookups + 1} look-ups`,
      ),
      candidate: { order, verification },
      foreignOrder: mismatch ? order : undefined,
    };
  }
  return {
    state,
    candidate: { order, verification },
    foreignOrder: mismatch ? order : undefined,
    lookups: checking ? 'count' : undefined,
    event: {
      kind: mismatch ? 'mismatch' : 'unverified',
      message: mismatch
        ? `${where}, which differs from what was journaled (${what}). Not ours until proven: no refund and no new order; the desk looks our reference up.`
        : `${where} without the facts to check it is ours (${what}). Not confirmed: the desk reads it back and looks our reference up.`,
      ...none,
    },
    next: checking ? { kind: 'wait', step: placement.lookups + 1 } : { kind: 'continue' },
    audit: checking ? undefined : `placement ${state}`,
  };
}

function notFound(context: DecisionContext): Decision {
  const { placement, policy, ageMs } = context;
  const supplier = supplierOf(context);
  if (placement.state === 'unverified' || placement.state === 'mismatch') {
    if (placement.lookups + 1 >= policy.maxLookups || ageMs > policy.giveUpAfterMs)
      return escalate(context, `our reference was not found in ${placement.lookups + 1} look-ups`);
    return {
      state: placement.state,
      lookups: 'count',
      event: {
        kind: 'lookup',
        message: `Our reference is not in ${supplier}'s order list yet (look-up ${placement.lookups + 1} of ${policy.maxLookups}); still not confirmed.`,
        ...none,
      },
      next: { kind: 'wait', step: placement.lookups + 1 },
    };
  }
  // Refused on a resend, and no earlier attempt landed either: the refusal stands.
  if (isRefusal(placement.lastError)) {
    return {
      state: 'rejected',
      event: {
        kind: 'rejected',
        message: `${refusalSentence(context, placement.lastError!)} No earlier attempt was found under this reference.`,
        ...facts(placement.lastError),
      },
      next: { kind: 'stop' },
      audit: 'placement rejected',
    };
  }
  if (placement.resends >= policy.maxResends || ageMs > policy.giveUpAfterMs)
    return escalate(context, `no definite answer after ${placement.resends} resends`);
  return {
    state: 'unknown',
    event: {
      kind: 'lookup',
      message: `Not found at ${supplier} by reference; sending again with the same reference after a short wait.`,
      ...none,
    },
    next: { kind: 'resend', step: placement.resends },
  };
}

function lookupFailed(context: DecisionContext, error: SupplierErrorInfo): Decision {
  const { placement, policy, ageMs } = context;
  if (ageMs > policy.giveUpAfterMs)
    return escalate(
      context,
      `${supplierOf(context)} could not be checked for ${formatDuration(ageMs)}`,
      error,
    );
  return {
    state: placement.state,
    lastError: placement.state === 'unknown' ? error : placement.lastError,
    event: {
      kind: 'lookup',
      message: `Could not check ${supplierOf(context)} (${errorTitle(error)}); trying again.`,
      ...facts(error),
    },
    next: { kind: 'wait', step: consecutiveLookups(placement) },
  };
}

function escalate(context: DecisionContext, why: string, error: SupplierErrorInfo | null = null): Decision {
  const { placement } = context;
  const supplier = supplierOf(context);
  const handedBack = placement.candidate
    ? ` ${supplier} handed back order ${placement.candidate.order.id}, which is not provably ours: send both to Ops.`
    : '';
  return {
    state: 'needs_ops',
    lastError: error ?? placement.lastError,
    event: {
      kind: 'needs_ops',
      message: `Needs Ops: ${why}. Ask ${supplier} whether an order exists for reference ${placement.reference}.${handedBack} Do not refund or place it again until they answer.`,
      ...facts(error),
    },
    next: { kind: 'stop' },
    audit: 'placement escalated to Ops',
  };
}

function polled(context: DecisionContext, order: SupplierOrder): Decision {
  const { placement, policy, now, unknownStatusForMs } = context;
  const supplier = supplierOf(context);
  const verification = verifyOrder(placement.order, order);
  if (verification.verdict === 'mismatch') {
    return {
      state: 'mismatch',
      outcome: null,
      candidate: { order, verification },
      foreignOrder: order,
      event: {
        kind: 'mismatch',
        message: `${supplier} now reports order ${order.id} differently from what was journaled (${describeVerification(verification)}). Not confirmed any more: no refund and no new order until it is resolved.`,
        ...none,
      },
      next: { kind: 'continue' },
      audit: 'placement mismatch',
    };
  }
  const outcome = outcomeOf(order);
  const unknownItems = order.items.filter((item) => item.state === 'unknown');
  const statuses = [...new Set(unknownItems.map((item) => `“${item.supplierStatus}”`))].join(', ');
  if (outcome === 'tracking' && unknownItems.length > 0) {
    if (placement.unknownStatusSince === null) {
      return {
        state: 'confirmed',
        outcome,
        supplierOrder: order,
        unknownStatusSince: now,
        event: {
          kind: 'status',
          message: `${supplier} reports ${statuses}, a status the desk does not know. Not success and not a refund: the desk keeps checking and alerts after ${formatDuration(policy.unknownStatusAlertMs)}.`,
          ...none,
        },
        next: { kind: 'poll' },
      };
    }
    const alerted = placement.timeline.some(
      (event) => event.kind === 'attention' && event.at >= placement.unknownStatusSince!,
    );
    if (!alerted && unknownStatusForMs >= policy.unknownStatusAlertMs) {
      return {
        state: 'confirmed',
        outcome,
        supplierOrder: order,
        event: {
          kind: 'attention',
          message: `Still ${statuses} after ${formatDuration(unknownStatusForMs)}: ask ${supplier} what it means for this order. Do not refund yet.`,
          ...none,
        },
        next: { kind: 'poll' },
        audit: 'placement unknown status alert',
      };
    }
  }
  const before = placement.supplierOrder?.items.map((i) => i.supplierStatus).join(',');
  const after = order.items.map((i) => i.supplierStatus).join(',');
  if (outcome === 'tracking' && before === after) {
    return {
      state: 'confirmed',
      outcome,
      supplierOrder: order,
      event: { kind: 'status', message: '', ...none },
      next: { kind: 'poll' },
    };
  }
  return {
    state: 'confirmed',
    outcome,
    supplierOrder: order,
    unknownStatusSince: unknownItems.length > 0 ? placement.unknownStatusSince : null,
    event: { kind: 'status', message: outcomeSentence(context, order, outcome), ...none },
    next: outcome === 'tracking' ? { kind: 'poll' } : { kind: 'stop' },
    audit:
      outcome === 'fulfilled'
        ? 'placement fulfilled'
        : outcome === 'refund_due'
          ? 'placement refund due'
          : undefined,
  };
}

/** A decision with an empty message changes nothing worth a timeline line (a poll that saw no change). */
export const isQuiet = (decision: Decision): boolean => decision.event.message === '';

/** Only `fulfilled` is success; a failed or cancelled item means the member's points go back (CONFIRMED). */
export function outcomeOf(order: SupplierOrder): PlacementOutcome {
  if (order.items.length === 0 || order.items.some((item) => !TERMINAL_STATES.includes(item.state)))
    return 'tracking';
  return order.items.every((item) => item.state === 'fulfilled') ? 'fulfilled' : 'refund_due';
}

/** One truthful sentence per outcome of a placed order. */
export function outcomeSentence(
  { placement, rates }: Pick<DecisionContext, 'placement' | 'rates'>,
  order: SupplierOrder,
  outcome: PlacementOutcome,
): string {
  const transfer = isTransfer(placement.order);
  if (outcome === 'fulfilled')
    return transfer
      ? 'Placed — fulfilled: the programme credited the transfer.'
      : 'Placed — fulfilled: the member has their card.';
  if (outcome === 'tracking') {
    const wait = transfer ? ` Transfers may take up to ${STUCK_HORIZON_TEXT.points_transfer}.` : '';
    return `Placed — in progress (${order.items.map((i) => i.supplierStatus).join(', ') || 'no items yet'}): do not refund yet.${wait}`;
  }
  const owed = refundOwed(order.items, placement.points, rates, placement.points?.currency ?? null);
  const errors = order.items
    .flatMap((i) =>
      i.errors.map((e) => {
        const known = explainCode(order.supplier, e.code);
        return `${e.code} ${e.message}`.trim() + (known ? ` (${known.title})` : '');
      }),
    )
    .join('; ');
  const failed = order.items.every((i) => i.state === 'cancelled') ? 'cancelled' : 'failed';
  return `Placed — ${transfer ? 'transfer' : 'item'} ${failed}: ${refundText(owed)}.${errors ? ` Supplier said: ${errors}.` : ''}`;
}

/** Look-ups in a row that could not reach the supplier: the backoff step for the next try. */
function consecutiveLookups(placement: Placement): number {
  let count = 0;
  for (let i = placement.timeline.length - 1; i >= 0 && placement.timeline[i]!.kind === 'lookup'; i--)
    count++;
  return count;
}
