import { setMaxListeners } from 'node:events';
import { explainSupplierError } from '../../shared/error-catalogue';
import { SUPPLIER_NAMES } from '../../shared/domain';
import type { SupplierOrder } from '../../shared/orders';
import { TERMINAL_STATES } from '../../shared/orders';
import type { Placement, PlacementEvent, PlacementOrder, PlacementOutcome } from '../../shared/placement';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';
import type { Logger } from '../log/logger';
import type { AscendaClient } from '../providers/ascenda/client';
import type { GcpClient } from '../providers/giftcard-partners/client';
import { isSupplierError } from '../providers/supplier-error';
import type { StoreClient } from '../store/store-client';

export interface PlacementPolicy {
  /** Resends after "not found" before a person must look (ARCHITECTURE: 5). */
  maxResends: number;
  /** Past this age an unresolved placement goes to Ops however few resends it had. */
  giveUpAfterMs: number;
  resendBaseMs: number;
  resendCapMs: number;
  /** First item-status check after confirmation (scaled up for big GCP orders), doubling to the cap. */
  pollBaseMs: number;
  pollCapMs: number;
}

export const DEFAULT_POLICY: PlacementPolicy = {
  maxResends: 5,
  giveUpAfterMs: 24 * 3600 * 1000,
  resendBaseMs: 2_000,
  resendCapMs: 5 * 60 * 1000,
  pollBaseMs: 2_000,
  pollCapMs: 5 * 60 * 1000,
};

export interface PlacementClients {
  ascenda(): Promise<AscendaClient>;
  gcp(): Promise<GcpClient>;
}

export interface PlacementRunnerOptions {
  store: StoreClient;
  clients: PlacementClients;
  emit(placement: Placement): void;
  logger: Logger;
  policy?: Partial<PlacementPolicy>;
  random?: () => number;
}

type Step = Omit<PlacementEvent, 'at' | 'state' | 'attempt'> & { attempt?: number };

/** Answers that mean the supplier processed the request and said no. */
const DEFINITE = new Set<SupplierErrorInfo['kind']>([
  'DEFINITE_REJECTION',
  'INSUFFICIENT_FUNDS',
  'AUTH',
  'NOT_CONFIGURED',
]);

const fromError = (info: SupplierErrorInfo | null) => ({
  httpStatus: info?.httpStatus ?? null,
  supplierCode: info?.supplierCode ?? null,
  requestId: info?.requestId ?? null,
});

/**
 * Drives placements to a final state, exactly once per reference:
 *   journaled ──send──▶ confirmed | rejected | unknown
 *   unknown ──look up by reference──▶ confirmed (found) | journaled again (not found: resend, SAME reference)
 *                                   └─▶ needs_ops after the resend limit or 24 h
 *   confirmed ──poll items (backoff)──▶ fulfilled | refund_due
 * Every step is written to the journal before the next network call, so a kill at any point resumes from the
 * journal: a placement found `journaled` at start may have been sent, so it is looked up, never blindly resent.
 */
export class PlacementRunner {
  private readonly policy: PlacementPolicy;
  private readonly random: () => number;
  private readonly running = new Map<number, Promise<Placement | null>>();
  private readonly polls = new Map<number, number>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: PlacementRunnerOptions) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    this.random = options.random ?? Math.random;
    // Every placement waiting between steps listens here (and stops listening when its wait ends), so the
    // count follows how many are in flight; Node's default warning at 10 would fire on a normal busy desk.
    setMaxListeners(0, this.stopping.signal);
  }

  /** Journals the order (before any byte goes out), then drives it. A reused reference returns the original. */
  async place(
    profileId: string,
    order: PlacementOrder,
    agent: string,
  ): Promise<{ placement: Placement; created: boolean }> {
    const { store } = this.options;
    const result = await store.placementCreate({
      profileId,
      supplier: order.supplier,
      reference: order.reference,
      order,
      agent,
    });
    if (result.created) {
      await store.audit(agent, 'placement journaled', order.reference, {
        supplier: order.supplier,
        placementId: result.placement.id,
      });
      this.options.emit(result.placement);
      void this.drive(result.placement.id);
    }
    return result;
  }

  /**
   * At start, before new work: a placement still `journaled` may have been sent when the desk stopped, so it
   * becomes `unknown` (to be looked up); then every open placement is driven again.
   */
  async reconcile(): Promise<number[]> {
    const { store } = this.options;
    const ids = await store.openPlacementIds();
    for (const id of ids) {
      const placement = await store.placement(id);
      if (placement?.state === 'journaled') {
        const recovered = await this.change(placement, {
          state: 'unknown',
          event: {
            kind: 'recovered',
            message:
              'The desk stopped while this was being sent; checking the supplier before anything else.',
            ...fromError(null),
          },
        });
        this.options.emit(recovered);
      }
    }
    for (const id of ids) void this.drive(id);
    return ids;
  }

  /** Runs one placement's state machine; concurrent calls share the run. */
  drive(id: number): Promise<Placement | null> {
    let run = this.running.get(id);
    if (!run) {
      run = this.loop(id)
        .catch((error: unknown) => {
          this.options.logger.error('placement run failed', { placementId: id, error });
          return null;
        })
        .finally(() => this.running.delete(id));
      this.running.set(id, run);
    }
    return run;
  }

  /** Waits for every run in flight (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops between steps; whatever is open resumes from the journal next time. */
  stop(): void {
    this.stopping.abort();
  }

  private async loop(id: number): Promise<Placement | null> {
    const { store } = this.options;
    for (;;) {
      if (this.stopping.signal.aborted) return store.placement(id);
      const placement = await store.placement(id);
      if (!placement) return null;
      let next: Placement;
      if (placement.state === 'journaled') next = await this.send(placement);
      else if (placement.state === 'unknown') next = await this.resolveUnknown(placement);
      else if (placement.state === 'confirmed' && placement.outcome === 'tracking')
        next = await this.track(placement);
      else return placement;
      this.options.emit(next);
    }
  }

  private async send(placement: Placement): Promise<Placement> {
    const attempt = placement.attempts + 1;
    const supplier = SUPPLIER_NAMES[placement.supplier];
    const sent = await this.change(placement, {
      state: 'journaled',
      attempts: attempt,
      event: {
        kind: 'sent',
        attempt,
        message: attempt === 1 ? `Sent to ${supplier}` : `Resent to ${supplier} with the same reference`,
        ...fromError(null),
      },
    });
    this.options.emit(sent);
    try {
      return await this.confirm(sent, await this.create(sent.order), {
        kind: 'confirmed',
        message: `${supplier} accepted the order`,
        ...fromError(null),
      });
    } catch (error) {
      const info = this.infoOf(error, 'create order');
      switch (info.kind) {
        case 'DUPLICATE':
          return this.adoptOriginal(sent, info);
        case 'DEFINITE_REJECTION':
        case 'INSUFFICIENT_FUNDS':
        case 'AUTH':
        case 'NOT_CONFIGURED':
          // After a lost answer an earlier attempt may have landed: look before calling it refused.
          if (sent.resends > 0)
            return this.toUnknown(
              sent,
              info,
              'Refused on resend; checking whether an earlier attempt went through.',
            );
          return this.reject(sent, info);
        case 'RATE_LIMITED':
          await this.sleep(
            info.retryAfterMs ?? this.backoff(this.policy.resendBaseMs, 0, this.policy.resendCapMs),
          );
          return this.change(sent, {
            state: 'journaled',
            lastError: info,
            event: {
              kind: 'unknown',
              message: 'Asked to slow down; nothing was processed. Sending again shortly.',
              ...fromError(info),
            },
          });
        default:
          return this.toUnknown(sent, info, explainSupplierError(info).explanation);
      }
    }
  }

  private async resolveUnknown(placement: Placement): Promise<Placement> {
    const supplier = SUPPLIER_NAMES[placement.supplier];
    const age = Date.now() - Date.parse(placement.createdAt);
    let found: SupplierOrder | null;
    try {
      found = await this.findByReference(placement);
    } catch (error) {
      const info = this.infoOf(error, 'find order by reference');
      if (age > this.policy.giveUpAfterMs) return this.escalate(placement, info);
      const checked = await this.change(placement, {
        state: 'unknown',
        lastError: info,
        event: {
          kind: 'lookup',
          message: `Could not check ${supplier} (${info.kind.toLowerCase()}); trying again.`,
          ...fromError(info),
        },
      });
      await this.sleep(
        this.backoff(this.policy.resendBaseMs, this.lookupFailures(checked), this.policy.resendCapMs),
      );
      return checked;
    }
    if (found)
      return this.confirm(placement, found, {
        kind: 'lookup',
        message: `Found at ${supplier} by reference: the order went through`,
        ...fromError(null),
      });
    // Refused on a resend and not found either: the refusal stands.
    if (placement.lastError && DEFINITE.has(placement.lastError.kind))
      return this.reject(placement, placement.lastError);
    if (placement.resends >= this.policy.maxResends || age > this.policy.giveUpAfterMs)
      return this.escalate(placement, placement.lastError);
    const wait = this.backoff(this.policy.resendBaseMs, placement.resends, this.policy.resendCapMs);
    const looked = await this.change(placement, {
      state: 'unknown',
      nextCheckAt: new Date(Date.now() + wait).toISOString(),
      event: {
        kind: 'lookup',
        message: `Not found at ${supplier}; resending with the same reference in ${Math.round(wait / 1000)} s.`,
        ...fromError(null),
      },
    });
    this.options.emit(looked);
    await this.sleep(wait);
    if (this.stopping.signal.aborted) return looked;
    const resent = await this.change(looked, {
      state: 'journaled',
      resends: looked.resends + 1,
      event: {
        kind: 'resend',
        message: `Resend ${looked.resends + 1} of ${this.policy.maxResends}`,
        ...fromError(null),
      },
    });
    await this.options.store.audit(placement.agent, 'placement resent', placement.reference, {
      placementId: placement.id,
      resend: resent.resends,
    });
    return resent;
  }

  private async track(placement: Placement): Promise<Placement> {
    const due = placement.nextCheckAt ? Date.parse(placement.nextCheckAt) - Date.now() : 0;
    if (due > 0) await this.sleep(due);
    if (this.stopping.signal.aborted) return placement;
    const count = this.polls.get(placement.id) ?? 0;
    this.polls.set(placement.id, count + 1);
    let order: SupplierOrder;
    try {
      order = await this.getOrder(placement);
    } catch (error) {
      const info = this.infoOf(error, 'get order');
      this.options.logger.warn('placement poll failed', { placementId: placement.id, kind: info.kind });
      await this.options.store.placementReschedule(placement.id, this.nextPoll(placement, count));
      return (await this.options.store.placement(placement.id))!;
    }
    const outcome = outcomeOf(order);
    const before = placement.supplierOrder?.items.map((i) => i.state).join(',');
    const after = order.items.map((i) => i.state).join(',');
    if (outcome === 'tracking' && before === after) {
      await this.options.store.placementReschedule(placement.id, this.nextPoll(placement, count));
      return (await this.options.store.placement(placement.id))!;
    }
    const updated = await this.change(placement, {
      state: 'confirmed',
      outcome,
      supplierOrder: order,
      nextCheckAt: outcome === 'tracking' ? this.nextPoll(placement, count) : null,
      event: { kind: 'status', message: describeItems(order, outcome), ...fromError(null) },
    });
    if (outcome !== 'tracking') {
      this.polls.delete(placement.id);
      await this.options.store.audit(
        placement.agent,
        outcome === 'fulfilled' ? 'placement fulfilled' : 'placement refund due',
        placement.reference,
        { placementId: placement.id },
      );
    }
    return updated;
  }

  private async confirm(placement: Placement, order: SupplierOrder, step: Step): Promise<Placement> {
    const outcome = outcomeOf(order);
    const confirmed = await this.change(placement, {
      state: 'confirmed',
      outcome,
      supplierOrderId: order.id,
      supplierOrder: order,
      lastError: null,
      nextCheckAt: outcome === 'tracking' ? this.nextPoll(placement, 0, order) : null,
      event: step,
    });
    await this.options.store.audit(placement.agent, 'placement confirmed', placement.reference, {
      placementId: placement.id,
      supplierOrderId: order.id,
    });
    return confirmed;
  }

  private async adoptOriginal(placement: Placement, info: SupplierErrorInfo): Promise<Placement> {
    try {
      const original =
        placement.supplier === 'gcp' && info.originalOrderId
          ? await (await this.options.clients.gcp()).getOrder(info.originalOrderId)
          : await this.findByReference(placement);
      if (original) {
        return this.confirm(placement, original, {
          kind: 'duplicate',
          message: 'Already placed by an earlier attempt; following that order',
          ...fromError(info),
        });
      }
    } catch (error) {
      return this.toUnknown(
        placement,
        this.infoOf(error, 'find original order'),
        'The supplier says it already has this reference; fetching it failed, so the desk will look again.',
      );
    }
    return this.toUnknown(
      placement,
      info,
      'The supplier says it already has this reference but did not return it; the desk will look again.',
    );
  }

  private async reject(placement: Placement, info: SupplierErrorInfo): Promise<Placement> {
    const rejected = await this.change(placement, {
      state: 'rejected',
      lastError: info,
      event: {
        kind: 'rejected',
        message: `${explainSupplierError(info).title}: nothing was ordered.`,
        ...fromError(info),
      },
    });
    await this.options.store.audit(placement.agent, 'placement rejected', placement.reference, {
      placementId: placement.id,
      kind: info.kind,
      code: info.supplierCode,
    });
    return rejected;
  }

  private toUnknown(placement: Placement, info: SupplierErrorInfo, message: string): Promise<Placement> {
    return this.change(placement, {
      state: 'unknown',
      lastError: info,
      event: { kind: 'unknown', message, ...fromError(info) },
    });
  }

  private async escalate(placement: Placement, info: SupplierErrorInfo | null): Promise<Placement> {
    const supplier = SUPPLIER_NAMES[placement.supplier];
    const escalated = await this.change(placement, {
      state: 'needs_ops',
      lastError: info,
      event: {
        kind: 'needs_ops',
        message: `Still unknown after ${placement.resends} resends. Ask ${supplier} whether an order exists for reference ${placement.reference}; do not refund or re-place until they answer.`,
        ...fromError(info),
      },
    });
    await this.options.store.audit(placement.agent, 'placement escalated to Ops', placement.reference, {
      placementId: placement.id,
    });
    return escalated;
  }

  private async change(
    placement: Placement,
    change: Omit<Parameters<StoreClient['placementChange']>[1], 'event'> & { event: Step },
  ): Promise<Placement> {
    const { event, ...rest } = change;
    return this.options.store.placementChange(placement.id, {
      ...rest,
      event: { ...event, attempt: event.attempt ?? rest.attempts ?? placement.attempts },
    });
  }

  private async create(order: PlacementOrder): Promise<SupplierOrder> {
    if (order.supplier === 'ascenda') {
      return (await this.options.clients.ascenda()).createGiftCardOrder({
        reference: order.reference,
        memberId: order.memberId,
        transactedAt: new Date().toISOString(),
        giftCardId: order.giftCardId,
        value: order.value,
        currency: order.currency,
        recipient: order.recipient,
      });
    }
    return (await this.options.clients.gcp()).createOrder({
      reference: order.reference,
      deliveryType: order.deliveryType,
      lines: [
        {
          productId: order.productId,
          value: order.value,
          quantity: order.quantity,
          email: order.email,
          sms: order.sms,
          personalization: order.personalization,
          physical: order.physical,
        },
      ],
    });
  }

  private async findByReference(placement: Placement): Promise<SupplierOrder | null> {
    return placement.supplier === 'ascenda'
      ? (await this.options.clients.ascenda()).findOrderByReference(placement.reference)
      : (await this.options.clients.gcp()).findOrderByPo(placement.reference);
  }

  private async getOrder(placement: Placement): Promise<SupplierOrder> {
    const id = placement.supplierOrderId!;
    return placement.supplier === 'ascenda'
      ? (await this.options.clients.ascenda()).getOrder(id)
      : (await this.options.clients.gcp()).getOrder(id);
  }

  private infoOf(error: unknown, operation: string): SupplierErrorInfo {
    if (isSupplierError(error)) return error.info;
    this.options.logger.error('placement step failed unexpectedly', { operation, error });
    return {
      kind: 'INDETERMINATE',
      supplier: 'ascenda',
      operation,
      httpStatus: null,
      supplierCode: null,
      supplierMessage: error instanceof Error ? error.message : String(error),
      requestId: null,
      retryAfterMs: null,
      originalOrderId: null,
      fieldErrors: [],
      networkCode: null,
      orderMayExist: true,
    };
  }

  private lookupFailures(placement: Placement): number {
    let count = 0;
    for (let i = placement.timeline.length - 1; i >= 0 && placement.timeline[i]!.kind === 'lookup'; i--)
      count++;
    return count;
  }

  /** Exponential, capped, with full jitter on the upper half so many placements do not retry in step. */
  private backoff(base: number, step: number, cap: number): number {
    const ceiling = Math.min(cap, base * 2 ** step);
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  /** Bigger orders finish later (GCP notes): the first check waits longer for them. */
  private nextPoll(
    placement: Placement,
    count: number,
    order: SupplierOrder | null = placement.supplierOrder,
  ): string {
    const cards = order?.items.reduce((sum, item) => sum + item.quantity, 0) ?? 1;
    const base = this.policy.pollBaseMs * Math.max(1, Math.ceil(cards / 10));
    return new Date(Date.now() + this.backoff(base, count, this.policy.pollCapMs)).toISOString();
  }

  /** Waits, or stops waiting at once when the runner stops; the listener goes when the timer fires. */
  private sleep(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** Only `fulfilled` is success; a failed or cancelled item means the member's points go back (CONFIRMED). */
export function outcomeOf(order: SupplierOrder): PlacementOutcome {
  if (order.items.length === 0 || order.items.some((item) => !TERMINAL_STATES.includes(item.state)))
    return 'tracking';
  return order.items.every((item) => item.state === 'fulfilled') ? 'fulfilled' : 'refund_due';
}

function describeItems(order: SupplierOrder, outcome: PlacementOutcome): string {
  if (outcome === 'fulfilled') return 'Fulfilled: the member has their card.';
  if (outcome === 'tracking') return `Items: ${order.items.map((i) => i.supplierStatus).join(', ')}`;
  const errors = order.items.flatMap((i) => i.errors.map((e) => `${e.code} ${e.message}`)).join('; ');
  return `Failed or cancelled: refund the member's points.${errors ? ` ${errors}` : ''}`;
}
