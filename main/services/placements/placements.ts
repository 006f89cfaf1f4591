// Over 400 lines on purpose: every agent action on a placement (place, retry, revise, resolve, quote) goes through
// the same guards and journal rules kept here; split, those money rules would be repeated.
import { depositCoverWarning } from '../../../shared/balance';
import { depositCost } from '../../../shared/catalogue';
import { SUPPLIER_NAMES, type Profile, type Supplier } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/format';
import { PROVIDER_TRAITS } from '../../../shared/provider-traits';
import {
  faceValue,
  isTransfer,
  orderFacts,
  placementDraftSchema,
  type Placement,
  type PlacementDraft,
  type PlacementOrder,
  type PlacementQuote,
  type PointsAtRate,
} from '../../../shared/placement';
import { pointsAtCurrentRate } from '../../../shared/points';
import { outcomeOf } from '../../jobs/placement-decisions';
import { PlacementRunner, type PlacementPolicy } from '../../jobs/placement-runner';
import type { Logger } from '../../log/logger';
import { isSupplierError } from '../../providers/supplier-error';
import { isoNow, systemClock, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import { unavailableMessage, type CatalogueService } from '../catalogue/catalogue';
import { checkIntent, checkReference } from './placement-guards';
import type { ProfileService } from '../profiles/profiles';
import type { ProgramService } from '../catalogue/programs';
import type { SupplierClients } from '../suppliers/supplier-clients';

export interface PlacementServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  catalogue: CatalogueService;
  programs: ProgramService;
  logger: Logger;
  emit(placement: Placement): void;
  clock?: Clock;
  /** Timings of the runner (tests and the reliability suite run it faster); the profile's alert time wins. */
  policy?: Partial<PlacementPolicy>;
}

/** Refusals an agent can retry unchanged once the cause is fixed (funds, rate, credentials). */
const RETRYABLE_REFUSALS = new Set(['INSUFFICIENT_FUNDS', 'RATE_LIMITED', 'AUTH', 'NOT_CONFIGURED']);

/** Manual placement for the active profile: journal, drive, reconcile at start, quotes and agent actions. */
export class PlacementService {
  private readonly runners = new Map<string, { runner: PlacementRunner; ready: Promise<void> }>();
  /** The last guard-and-journal step queued per profile: the next one starts when it has finished. */
  private readonly gates = new Map<string, Promise<unknown>>();
  private readonly clock: Clock;

  constructor(private readonly deps: PlacementServiceDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Reconciles the profile's open placements before anything else touches them (at start and on switching). */
  open(profileId = this.deps.profiles.active().id): Promise<void> {
    return this.runnerFor(profileId).ready;
  }

  async place(draft: PlacementDraft): Promise<Placement> {
    const profile = this.deps.profiles.active();
    const { order: parsed, confirmation, intentOverride } = placementDraftSchema.parse(draft);
    const order = await this.prepare(parsed);
    this.checkProduction(profile, order, confirmation);
    const store = this.deps.stores.for(profile.id);
    // The checks and the journal write run one placement at a time per profile: two placements for the same
    // member sent together (a bulk batch, two windows) would otherwise both pass the guard before either is
    // journaled.
    return this.oneAtATime(profile.id, () => this.journal(profile, order, store, intentOverride));
  }

  private async journal(
    profile: Profile,
    order: PlacementOrder,
    store: ReturnType<CacheStores['for']>,
    intentOverride: string | undefined,
  ): Promise<Placement> {
    await checkReference(store, order.reference);
    const intent = await checkIntent(store, profile, order, this.clock.now());
    if (intent.matches.length > 0 && !intentOverride) {
      throw new AppError(
        'DUPLICATE_INTENT',
        `${intent.member} may already have this order: ${intent.matches.length === 1 ? 'one match' : `${intent.matches.length} matches`} (${intent.matches[0]!.why}). Check them, or place it anyway with a typed reason.`,
        intent,
      );
    }
    await this.checkMembership(order);
    // Credentials are read before the journal write: a locked or empty keychain never leaves a placement that
    // looks sent (the runner re-checks at send time, in case the keychain locks in between).
    await this.deps.clients.port(profile.id, order.supplier);
    const { runner, ready } = this.runnerFor(profile.id);
    await ready;
    const { placement, created } = await runner.place({
      profileId: profile.id,
      supplier: order.supplier,
      reference: order.reference,
      order,
      memberId: order.memberId ?? null,
      agent: profile.agentName,
      transactedAt: isoNow(this.clock),
      points: this.pointsFor(profile, order),
      intentOverride: intent.matches.length > 0 ? (intentOverride ?? null) : null,
    });
    if (!created) {
      throw new AppError(
        'REFERENCE_IN_USE',
        `Reference ${order.reference} is already placement #${placement.id} (${placement.state.replace('_', ' ')}). Nothing new was sent.`,
        [
          {
            source: 'journal',
            supplier: placement.supplier,
            reference: placement.reference,
            placementId: placement.id,
            orderId: null,
            state: placement.state,
          },
        ],
      );
    }
    return placement;
  }

  /**
   * Sends an existing placement again with the same reference: after a refusal that can pass (funds, rate,
   * credentials) as a new revision; after Ops says it was not received, or after "not ours", unchanged.
   */
  async retry(id: number, reason: string | undefined): Promise<Placement> {
    const profile = this.deps.profiles.active();
    const placement = await this.get(id);
    const refusal = placement.state === 'rejected' && RETRYABLE_REFUSALS.has(placement.lastError?.kind ?? '');
    if (!refusal && placement.state !== 'needs_ops' && placement.state !== 'not_found') {
      throw new AppError(
        'CONFLICT',
        placement.state === 'rejected'
          ? `Placement #${id} was refused as invalid: correct it and resend instead of retrying it unchanged.`
          : `Placement #${id} is ${placement.state.replace('_', ' ')}: there is nothing to retry.`,
      );
    }
    if (placement.state === 'needs_ops' && !reason) {
      throw new AppError(
        'VALIDATION',
        'Say what Ops answered (at least 10 characters) before sending it again.',
      );
    }
    await this.deps.clients.port(profile.id, placement.supplier);
    const store = this.deps.stores.for(profile.id);
    const at = isoNow(this.clock);
    const why = reason ? ` (${reason})` : '';
    const updated = await store.placements.change(id, {
      at,
      state: 'journaled',
      expect: [placement.state],
      outcome: null,
      resends: 0,
      lookups: 0,
      lastError: null,
      bumpRevision: refusal ? { transactedAt: at, reason: reason ?? null } : undefined,
      event: {
        kind: 'retry',
        attempt: placement.attempts,
        message: `${profile.agentName} sent it again with the same reference${refusal ? ` as revision ${placement.revision + 1}` : ''}${why}.`,
        httpStatus: null,
        supplierCode: null,
        requestId: null,
      },
      audit: {
        agent: profile.agentName,
        action: 'placement retried',
        details: { reason: reason ?? null, from: placement.state },
      },
    });
    return this.restart(profile.id, updated);
  }

  /** A corrected request under the same reference after a documented refusal: a new revision, the old kept. */
  async revise(id: number, draft: PlacementDraft['order'], reason: string): Promise<Placement> {
    const profile = this.deps.profiles.active();
    const placement = await this.get(id);
    if (placement.state !== 'rejected') {
      throw new AppError(
        'CONFLICT',
        `Only a refused placement can be corrected and resent; #${id} is ${placement.state.replace('_', ' ')}.`,
      );
    }
    const parsed = placementDraftSchema.shape.order.parse(draft);
    if (parsed.supplier !== placement.supplier || parsed.reference !== placement.reference) {
      throw new AppError(
        'VALIDATION',
        `A correction keeps the supplier and the reference (${placement.reference}); to change them, place a new order.`,
      );
    }
    const order = await this.prepare(parsed);
    this.checkProduction(profile, order, placement.reference);
    if (JSON.stringify(order) === JSON.stringify(placement.order)) {
      throw new AppError('VALIDATION', 'Nothing was changed: the supplier would refuse it the same way.');
    }
    await this.checkMembership(order);
    await this.deps.clients.port(profile.id, order.supplier);
    const at = isoNow(this.clock);
    const updated = await this.deps.stores.for(profile.id).placements.change(id, {
      at,
      state: 'journaled',
      expect: ['rejected'],
      outcome: null,
      resends: 0,
      lookups: 0,
      lastError: null,
      revise: { order, transactedAt: at, points: this.pointsFor(profile, order), reason },
      event: {
        kind: 'revised',
        attempt: placement.attempts,
        message: `${profile.agentName} corrected it (${changedFields(placement.order, order).join(', ')}) and resent it under the same reference as revision ${placement.revision + 1}: ${reason}`,
        httpStatus: null,
        supplierCode: null,
        requestId: null,
      },
      audit: {
        agent: profile.agentName,
        action: 'placement corrected',
        details: { reason, changed: changedFields(placement.order, order), revision: placement.revision + 1 },
      },
    });
    return this.restart(profile.id, updated);
  }

  /**
   * An agent settles an order the supplier handed back that the desk could not prove ours: "ours" adopts it
   * (confirmed, then tracked); "not ours" keeps it for Ops and the placement continues as not found.
   */
  async resolve(id: number, verdict: 'ours' | 'not_ours', reason: string): Promise<Placement> {
    const profile = this.deps.profiles.active();
    const placement = await this.get(id);
    const candidate = placement.candidate;
    if (!candidate || !['unverified', 'mismatch', 'needs_ops'].includes(placement.state)) {
      throw new AppError('CONFLICT', `Placement #${id} has no order waiting to be resolved.`);
    }
    const common = {
      at: isoNow(this.clock),
      expect: [placement.state],
      candidate: null,
      audit: {
        agent: profile.agentName,
        action: verdict === 'ours' ? 'placement resolved as ours' : 'placement resolved as not ours',
        details: { reason, supplierOrderId: candidate.order.id },
      },
    };
    const event = (message: string) => ({
      kind: 'resolved' as const,
      attempt: placement.attempts,
      message,
      httpStatus: null,
      supplierCode: null,
      requestId: null,
    });
    const store = this.deps.stores.for(profile.id);
    const updated =
      verdict === 'ours'
        ? await store.placements.change(id, {
            ...common,
            state: 'confirmed',
            outcome: outcomeOf(candidate.order),
            supplierOrder: candidate.order,
            lookups: 0,
            event: event(`${profile.agentName} resolved order ${candidate.order.id} as ours: ${reason}`),
          })
        : await store.placements.change(id, {
            ...common,
            state: 'not_found',
            outcome: 'refund_due',
            foreignOrder: candidate.order,
            event: event(
              `${profile.agentName} resolved order ${candidate.order.id} as not ours: ${reason}. Ours was not found: send it again with the same reference, or refund the member.`,
            ),
          });
    return this.restart(profile.id, updated);
  }

  async get(id: number): Promise<Placement> {
    const placement = await this.deps.stores.for(this.deps.profiles.active().id).placements.get(id);
    if (!placement) throw new AppError('NOT_FOUND', `No placement #${id} on this profile.`);
    return placement;
  }

  recent(): Promise<Placement[]> {
    return this.deps.stores.for(this.deps.profiles.active().id).placements.recent(50);
  }

  async quote(item: {
    supplier: Supplier;
    productId: string;
    value: number;
    quantity: number;
    currency?: string;
  }): Promise<PlacementQuote> {
    const profile = this.deps.profiles.active();
    const value = Math.round(item.value * item.quantity * 100) / 100;
    const warnings: string[] = [];
    let cost: number | null = null;
    let available: number | null = null;
    let currency =
      item.currency?.toUpperCase() ?? (await this.catalogueCurrency(item.supplier, item.productId));
    // A supplier that draws on a prepaid deposit: what the order costs from it, against what it holds.
    if (PROVIDER_TRAITS[item.supplier].keepsDeposit) {
      try {
        const port = await this.deps.clients.port(profile.id, item.supplier);
        const [product, balance] = await Promise.all([port.catalogueItem!(item.productId), port.balance!()]);
        currency =
          product.currency?.toUpperCase() || currency || profile.depositCurrency || balance.currency || null;
        cost = depositCost(product, item.value, item.quantity);
        available = balance.available;
        const warning =
          cost !== null &&
          depositCoverWarning({
            cost,
            costCurrency: product.currency,
            available,
            balanceCurrency: balance.currency,
            depositCurrency: profile.depositCurrency || null,
            format: formatMoney,
          });
        if (warning) warnings.push(warning);
      } catch (error) {
        if (!isSupplierError(error)) throw error;
        warnings.push(
          `Could not price this order at ${SUPPLIER_NAMES[item.supplier]} just now (${error.info.kind.toLowerCase()}).`,
        );
      }
    }
    if (profile.environment === 'production') {
      const max = currency ? profile.maxOrderValues[currency] : undefined;
      if (max === undefined)
        warnings.push(
          `No per-order maximum is set for ${currency ?? 'this currency'}: Production refuses the order until one is set in Settings.`,
        );
      else if (value > max)
        warnings.push(`Over this Production profile's limit of ${formatMoney(max, currency)} per order.`);
    }
    const points = pointsAtCurrentRate(value, currency, profile.pointRates);
    return {
      faceValue: value,
      currency: currency ?? '',
      points: points?.points ?? null,
      cost,
      available,
      warnings,
    };
  }

  stop(): Promise<void> {
    for (const { runner } of this.runners.values()) runner.stop();
    return Promise.all([...this.runners.values()].map(({ runner }) => runner.settled())).then(
      () => undefined,
    );
  }

  /** Runs `step` after every step queued before it on this profile, whatever they ended in. */
  private oneAtATime<T>(profileId: string, step: () => Promise<T>): Promise<T> {
    const previous = this.gates.get(profileId) ?? Promise.resolve();
    const run = previous.then(step, step);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.gates.set(profileId, settled);
    void settled.then(() => this.gates.get(profileId) === settled && this.gates.delete(profileId));
    return run;
  }

  /** The rate and points journaled with the order; null where its currency has no rate. */
  private pointsFor(profile: Profile, order: PlacementOrder): PointsAtRate | null {
    // A transfer owes back exactly the points the member redeemed, whatever any rate says.
    if (isTransfer(order)) return { currency: null, costPerPoint: null, points: order.pointsRedeemed };
    const figure = pointsAtCurrentRate(faceValue(order), orderFacts(order).currency, profile.pointRates);
    return figure && { currency: figure.currency, costPerPoint: figure.costPerPoint, points: figure.points };
  }

  /** A draft without a currency (GiftCard Partners') takes its product's, else the deposit's (never a guess). */
  private async withCurrency(order: PlacementOrder): Promise<PlacementOrder> {
    if (isTransfer(order) || order.currency) return order;
    const currencyOf = await this.deps.catalogue.currencyResolver(this.deps.profiles.active());
    const currency = currencyOf(order.supplier, orderFacts(order).productId);
    return currency ? ({ ...order, currency } as PlacementOrder) : order;
  }

  private async catalogueCurrency(supplier: Supplier, id: string): Promise<string | null> {
    const entry = await this.deps.catalogue.entry(supplier, id);
    return entry?.item.currency?.toUpperCase() ?? null;
  }

  private checkProduction(profile: Profile, order: PlacementOrder, confirmation: string | undefined): void {
    if (profile.environment !== 'production') return;
    // A transfer is bounded by its programme's maximum (checked before sending), not by a money limit.
    if (!isTransfer(order)) checkMoneyLimit(profile, order);
    if (confirmation !== order.reference) {
      throw new AppError(
        'VALIDATION',
        'On a Production profile, type the reference again to confirm the order.',
      );
    }
  }

  /**
   * The order as it will be journaled, refused here (nothing journaled) when its item is no longer offered: a
   * card that vanished from the listing, a withdrawn programme or an amount outside its rules. A transfer keeps
   * its programme's name, unit and time zone (business days are counted in it); a card gets its currency.
   */
  private async prepare(order: PlacementOrder): Promise<PlacementOrder> {
    if (isTransfer(order)) {
      const program = await this.deps.programs.forTransfer(order.programId, order.amount);
      return {
        ...order,
        programName: program.name,
        programUnit: program.unitName ?? undefined,
        programTimeZone: program.timeZone ?? undefined,
      };
    }
    const entry = await this.deps.catalogue.entry(order.supplier, orderFacts(order).productId);
    if (entry && !entry.available) throw new AppError('VALIDATION', unavailableMessage(entry));
    return this.withCurrency(order);
  }

  /** A transfer goes only to a membership the programme confirms; a refusal is explained and never journaled. */
  private async checkMembership(order: PlacementOrder): Promise<void> {
    if (!isTransfer(order)) return;
    const check = await this.deps.programs.checkMembership(order.programId, order.membership);
    if (!check.valid) {
      throw new AppError(
        'MEMBERSHIP_REFUSED',
        `${order.programName ?? order.programId} refused membership ${order.membership.id}${check.code ? ` (${check.code})` : ''}: ${check.title}. ${check.askMember} Nothing was placed.`,
        check,
      );
    }
  }

  private async restart(profileId: string, placement: Placement): Promise<Placement> {
    this.deps.emit(placement);
    const { runner, ready } = this.runnerFor(profileId);
    await ready;
    void runner.drive(placement.id);
    return placement;
  }

  private runnerFor(profileId: string) {
    let entry = this.runners.get(profileId);
    if (!entry) {
      const profile = () => this.deps.profiles.get(profileId);
      const runner = new PlacementRunner({
        store: this.deps.stores.for(profileId),
        port: (supplier) => this.deps.clients.port(profileId, supplier),
        emit: this.deps.emit,
        logger: this.deps.logger,
        clock: this.clock,
        rates: () => profile().pointRates,
        policy: () => ({
          ...this.deps.policy,
          unknownStatusAlertMs: profile().unknownStatusAlertHours * 3600 * 1000,
        }),
      });
      const ready = runner.reconcile().then(
        (ids) => {
          if (ids.length)
            this.deps.logger.info('placements reconciled at start', { profileId, count: ids.length });
        },
        (error: unknown) => this.deps.logger.error('placement reconcile failed', { profileId, error }),
      );
      entry = { runner, ready };
      this.runners.set(profileId, entry);
    }
    return entry;
  }
}

/** The fields a correction changed, named as the form names them. */
function changedFields(before: PlacementOrder, after: PlacementOrder): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

/** A Production profile's per-order maximum in the order's currency: none set, or over it, is refused. */
function checkMoneyLimit(profile: Profile, order: PlacementOrder): void {
  const { currency } = orderFacts(order);
  const max = currency ? profile.maxOrderValues[currency] : undefined;
  if (max === undefined) {
    throw new AppError(
      'VALIDATION',
      `This Production profile has no per-order maximum for ${currency ?? 'this order’s currency (unknown)'}: set one in Settings before placing orders in it.`,
    );
  }
  if (faceValue(order) > max) {
    throw new AppError(
      'VALIDATION',
      `This order is worth ${formatMoney(faceValue(order), currency)}, over this Production profile's limit of ${formatMoney(max, currency)}. Split it, or raise the limit in Settings.`,
    );
  }
}
