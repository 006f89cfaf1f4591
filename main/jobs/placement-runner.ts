// Over 400 lines on purpose: it is the one place that performs placement calls and writes the journal, in order;
// what to do next is decided in placement-decisions.ts.
import { setMaxListeners } from 'node:events';
import { SUPPLIER_NAMES } from '../../shared/domain';
import type { SupplierOrder } from '../../shared/orders';
import type { Placement } from '../../shared/placement';
import type { PointRates } from '../../shared/points';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';
import type { Logger } from '../log/logger';
import { isSupplierError } from '../providers/supplier-error';
import type { SupplierPort } from '../providers/supplier-port';
import type { NewPlacement, PlacementChange } from '../store/protocol/api';
import type { Store } from '../store/protocol/api';
import { isoNow, systemClock, type Clock } from '../time/clock';
import {
  decide,
  isQuiet,
  resendMessage,
  sendingMessage,
  type Answer,
  type Decision,
  type DecisionPolicy,
} from './placement-decisions';
import { backoff, sleep } from '../time/backoff';

export interface PlacementPolicy extends DecisionPolicy {
  resendBaseMs: number;
  resendCapMs: number;
  /** First item-status check after confirmation (scaled up for big orders), doubling to the cap. */
  pollBaseMs: number;
  pollCapMs: number;
}

export const DEFAULT_POLICY: PlacementPolicy = {
  maxResends: 5,
  maxLookups: 5,
  giveUpAfterMs: 24 * 3600 * 1000,
  unknownStatusAlertMs: 4 * 3600 * 1000,
  resendBaseMs: 2_000,
  resendCapMs: 5 * 60 * 1000,
  pollBaseMs: 2_000,
  pollCapMs: 5 * 60 * 1000,
};

export interface PlacementRunnerOptions {
  store: Store;
  /** The supplier port of the placement's supplier (credentials are read here: it may refuse). */
  port(supplier: Placement['supplier']): Promise<SupplierPort>;
  emit(placement: Placement): void;
  logger: Logger;
  clock?: Clock;
  /** The profile's current cost per point by currency (refunds of placements journaled without one). */
  rates?: () => PointRates;
  /** Read on every decision, so a changed profile setting applies to placements already in flight. */
  policy?: Partial<PlacementPolicy> | (() => Partial<PlacementPolicy>);
  random?: () => number;
}

/**
 * Carries the placement decisions out (placement-decisions.ts decides; this performs the calls and writes):
 *   journaled ──send──▶ confirmed | unverified | mismatch | rejected | unknown
 *   unknown ──look up by reference──▶ confirmed (ours, matching) | mismatch | unverified | resend | needs_ops
 *   unverified | mismatch ──read back, look up──▶ confirmed (ours found, matching) | needs_ops after the limits
 *   confirmed ──poll items (backoff)──▶ fulfilled | refund_due
 * Every step is written to the journal before the next network call, so a kill at any point resumes from the
 * journal: a placement found `journaled` at start may have been sent, so it is looked up, never blindly resent.
 */
export class PlacementRunner {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly running = new Map<number, Promise<Placement | null>>();
  private readonly polls = new Map<number, number>();
  /** When this run of the desk first saw each round (monotonic): a wall clock set back never delays a give-up. */
  private readonly firstSeen = new Map<string, number>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: PlacementRunnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    // Every placement waiting between steps listens here (and stops listening when its wait ends), so the
    // count follows how many are in flight; Node's default warning at 10 would fire on a normal busy desk.
    setMaxListeners(0, this.stopping.signal);
  }

  private get policy(): PlacementPolicy {
    const { policy } = this.options;
    return { ...DEFAULT_POLICY, ...(typeof policy === 'function' ? policy() : policy) };
  }

  /** Journals the order (before any byte goes out), then drives it. A reused reference returns the original. */
  async place(input: Omit<NewPlacement, 'at'>): Promise<{ placement: Placement; created: boolean }> {
    const result = await this.options.store.placements.create({ ...input, at: isoNow(this.clock) });
    if (result.created) {
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
    const ids = await store.placements.openIds();
    for (const id of ids) {
      const placement = await store.placements.get(id);
      if (placement?.state === 'journaled' && placement.attempts > 0) {
        const recovered = await store.placements.change(id, {
          at: isoNow(this.clock),
          state: 'unknown',
          expect: ['journaled'],
          event: {
            kind: 'recovered',
            attempt: placement.attempts,
            message:
              'The desk stopped while this was being sent; checking the supplier before anything else.',
            httpStatus: null,
            supplierCode: null,
            requestId: null,
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
      if (this.stopping.signal.aborted) return store.placements.get(id);
      const placement = await store.placements.get(id);
      if (!placement) return null;
      switch (placement.state) {
        case 'journaled':
          await this.send(placement);
          break;
        case 'unknown':
          await this.carryOut(placement, await this.lookUp(placement, placement.reference));
          break;
        case 'unverified':
        case 'mismatch':
          await this.carryOut(placement, await this.recheck(placement));
          break;
        case 'confirmed':
          if (placement.outcome !== 'tracking') return placement;
          await this.track(placement);
          break;
        default:
          return placement;
      }
    }
  }

  private async send(placement: Placement): Promise<void> {
    let port: SupplierPort;
    try {
      port = await this.options.port(placement.supplier);
    } catch (error) {
      // Credentials or configuration could not be read: nothing left the desk for this attempt.
      await this.carryOut(placement, {
        kind: 'not_sent',
        error: this.infoOf(error, placement, 'load credentials'),
      });
      return;
    }
    const attempt = placement.attempts + 1;
    const sent = await this.write(placement, {
      state: 'journaled',
      expect: ['journaled'],
      attempts: attempt,
      event: {
        kind: 'sent',
        attempt,
        message: sendingMessage(placement, attempt),
        httpStatus: null,
        supplierCode: null,
        requestId: null,
      },
    });
    let answer: Answer;
    try {
      answer = {
        kind: 'created',
        order: await port.createOrder(sent.order, {
          transactedAt: sent.transactedAt,
          revision: sent.revision,
        }),
      };
    } catch (error) {
      answer = { kind: 'create_failed', error: this.infoOf(error, sent, 'create order') };
    }
    await this.carryOut(sent, answer);
  }

  /** Unverified or mismatched: read the order handed back by its id once, then look our reference up. */
  private async recheck(placement: Placement): Promise<Answer> {
    const candidate = placement.candidate?.order;
    if (placement.state === 'unverified' && candidate && placement.lookups === 0) {
      try {
        const port = await this.options.port(placement.supplier);
        return { kind: 'found', order: await port.getOrder(candidate.id) };
      } catch (error) {
        const info = this.infoOf(error, placement, 'read back order');
        if (info.kind !== 'NOT_FOUND') return { kind: 'lookup_failed', error: info };
      }
    }
    return this.lookUp(placement, placement.reference);
  }

  private async lookUp(placement: Placement, reference: string): Promise<Answer> {
    try {
      const port = await this.options.port(placement.supplier);
      const found = await port.findOrderByReference(reference);
      return found ? { kind: 'found', order: found } : { kind: 'not_found' };
    } catch (error) {
      return { kind: 'lookup_failed', error: this.infoOf(error, placement, 'find order by reference') };
    }
  }

  private async track(placement: Placement): Promise<void> {
    const due = placement.nextCheckAt ? Date.parse(placement.nextCheckAt) - this.clock.now() : 0;
    // Never longer than the poll cap: a check stamped far in the future (a clock that was ahead) is due soon.
    if (due > 0) await this.sleep(Math.min(due, this.policy.pollCapMs));
    if (this.stopping.signal.aborted) return;
    const current = (await this.options.store.placements.get(placement.id)) ?? placement;
    if (current.state !== 'confirmed' || current.outcome !== 'tracking') return;
    let answer: Answer;
    try {
      const port = await this.options.port(current.supplier);
      answer = { kind: 'polled', order: await port.getOrder(current.supplierOrderId!) };
    } catch (error) {
      answer = { kind: 'poll_failed', error: this.infoOf(error, current, 'get order') };
    }
    await this.carryOut(current, answer);
  }

  /** Decides on an answer, writes the decision (with its audit line), then does what it says next. */
  private async carryOut(placement: Placement, answer: Answer): Promise<void> {
    const decision = decide(this.context(placement), answer);
    if (answer.kind === 'poll_failed') {
      this.options.logger.warn('placement poll failed', {
        placementId: placement.id,
        kind: answer.error.kind,
      });
    }
    const written =
      answer.kind === 'poll_failed' || (isQuiet(decision) && answer.kind === 'polled')
        ? await this.bookkeep(placement, decision)
        : await this.apply(placement, decision);
    await this.follow(written, decision);
  }

  /** A poll that saw nothing new (or failed): keep the order as read, schedule the next look, no timeline line. */
  private async bookkeep(placement: Placement, decision: Decision): Promise<Placement> {
    return this.write(placement, {
      state: placement.state,
      expect: [placement.state],
      supplierOrder: decision.supplierOrder,
      nextCheckAt: this.nextPoll(placement),
      event: null,
    });
  }

  private async apply(placement: Placement, decision: Decision): Promise<Placement> {
    const lookups =
      decision.lookups === 'count' ? placement.lookups + 1 : decision.lookups === 'reset' ? 0 : undefined;
    return this.write(placement, {
      state: decision.state,
      expect: [placement.state],
      outcome: decision.outcome,
      supplierOrder: decision.supplierOrder,
      candidate: decision.candidate,
      foreignOrder: decision.foreignOrder,
      lastError: decision.lastError,
      lookups,
      unknownStatusSince: decision.unknownStatusSince,
      nextCheckAt: decision.next.kind === 'poll' ? this.nextPoll(placement, decision.supplierOrder) : null,
      event: { ...decision.event, attempt: placement.attempts },
      audit: decision.audit ? { agent: placement.agent, action: decision.audit } : undefined,
    });
  }

  private async follow(placement: Placement, decision: Decision): Promise<void> {
    const { next } = decision;
    if (next.kind === 'wait') {
      await this.sleep(this.backoff(this.policy.resendBaseMs, next.step, this.policy.resendCapMs));
    } else if (next.kind === 'resend') {
      const wait = this.backoff(this.policy.resendBaseMs, next.step, this.policy.resendCapMs);
      await this.sleep(wait);
      if (this.stopping.signal.aborted) return;
      await this.write(placement, {
        state: 'journaled',
        expect: ['unknown'],
        resends: placement.resends + 1,
        event: {
          kind: 'resend',
          attempt: placement.attempts,
          message: resendMessage(placement, this.policy),
          httpStatus: null,
          supplierCode: null,
          requestId: null,
        },
        audit: {
          agent: placement.agent,
          action: 'placement resent',
          details: { resend: placement.resends + 1 },
        },
      });
    } else if (next.kind === 'follow_duplicate') {
      await this.carryOut(placement, await this.original(placement, next.duplicate));
    }
  }

  /** The order the supplier says already holds our reference: by the id it named, else by reference. */
  private async original(placement: Placement, duplicate: SupplierErrorInfo): Promise<Answer> {
    try {
      const port = await this.options.port(placement.supplier);
      const order: SupplierOrder | null = duplicate.originalOrderId
        ? await port.getOrder(duplicate.originalOrderId)
        : await port.findOrderByReference(placement.reference);
      return { kind: 'original', order, duplicate };
    } catch (error) {
      this.options.logger.warn('original order could not be fetched', {
        placementId: placement.id,
        kind: this.infoOf(error, placement, 'find original order').kind,
      });
      return { kind: 'original', order: null, duplicate };
    }
  }

  private async write(placement: Placement, change: Omit<PlacementChange, 'at'>): Promise<Placement> {
    const written = await this.options.store.placements.change(placement.id, {
      ...change,
      at: isoNow(this.clock),
    });
    if (change.event) this.options.emit(written);
    return written;
  }

  private context(placement: Placement) {
    const now = this.clock.now();
    const since = placement.unknownStatusSince ? Date.parse(placement.unknownStatusSince) : now;
    return {
      placement,
      policy: this.policy,
      ageMs: this.age(placement),
      now: new Date(now).toISOString(),
      unknownStatusForMs: Math.max(0, now - since),
      rates: this.options.rates?.() ?? {},
    };
  }

  /**
   * How long the current round has run: the wall-clock age from its start, or the monotonic time this desk
   * has seen it for, whichever is longer. A round stamped in the future (the clock was ahead) is never younger
   * than the time it has actually been open here, so the 24 h give-up always comes.
   */
  private age(placement: Placement): number {
    const start = roundStart(placement);
    const key = `${placement.id}:${start}`;
    if (!this.firstSeen.has(key)) this.firstSeen.set(key, this.clock.monotonic());
    const wall = this.clock.now() - Date.parse(start);
    const seen = this.clock.monotonic() - this.firstSeen.get(key)!;
    return Math.max(0, Number.isFinite(wall) ? wall : 0, seen);
  }

  private infoOf(error: unknown, placement: Placement, operation: string): SupplierErrorInfo {
    if (isSupplierError(error)) return error.info;
    const errorId = `E-${Date.now().toString(36)}-${Math.floor(this.random() * 1e6).toString(36)}`;
    this.options.logger.error('placement step failed unexpectedly', { operation, error, errorId });
    return {
      kind: 'INDETERMINATE',
      supplier: placement.supplier,
      operation,
      httpStatus: null,
      supplierCode: null,
      supplierMessage: `${SUPPLIER_NAMES[placement.supplier]} ${operation} failed unexpectedly (error id ${errorId} in the log)`,
      requestId: null,
      retryAfterMs: null,
      originalOrderId: null,
      fieldErrors: [],
      networkCode: null,
      orderMayExist: true,
    };
  }

  private backoff(base: number, step: number, cap: number): number {
    return backoff(base, step, cap, this.random);
  }

  /** Bigger orders finish later (GCP notes): the first check waits longer for them. */
  private nextPoll(
    placement: Placement,
    order: SupplierOrder | null | undefined = placement.supplierOrder,
  ): string {
    const count = this.polls.get(placement.id) ?? 0;
    this.polls.set(placement.id, count + 1);
    const cards = order?.items.reduce((sum, item) => sum + (item.quantity ?? 1), 0) ?? 1;
    const base = this.policy.pollBaseMs * Math.max(1, Math.ceil(cards / 10));
    return new Date(this.clock.now() + this.backoff(base, count, this.policy.pollCapMs)).toISOString();
  }

  /** Waits, or stops waiting at once when the runner stops. */
  private sleep(ms: number): Promise<void> {
    return sleep(ms, this.stopping.signal);
  }
}

/** When the current round began: the journal write, or the agent's last retry or correction. */
export function roundStart(placement: Placement): string {
  for (let i = placement.timeline.length - 1; i >= 0; i--) {
    const event = placement.timeline[i]!;
    if (event.kind === 'retry' || event.kind === 'revised' || event.kind === 'journaled') return event.at;
  }
  return placement.createdAt;
}
