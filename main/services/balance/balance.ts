import {
  alertChanges,
  changePoints,
  fundingMoves,
  isMoneyInFlight,
  lowBalanceKey,
  runway,
  type BalanceAlert,
  type BalanceSnapshot,
  type BalanceStatus,
  type InFlight,
  type NewBalanceAlert,
} from '../../../shared/balance';
import { depositCost, type CatalogueItem } from '../../../shared/catalogue';
import { DEPOSIT_SUPPLIER } from '../../../shared/provider-traits';
import { explainSupplierError } from '../../../shared/error-catalogue';
import { formatMoney } from '../../../shared/format';
import { faceValue, orderFacts, type Placement, type PlacementOrder } from '../../../shared/placement';
import { BalanceMonitor, DEFAULT_MONITOR_POLICY, type MonitorPolicy } from '../../jobs/balance-monitor';
import type { Logger } from '../../log/logger';
import { isSupplierError } from '../../providers/supplier-error';
import { isoNow, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { SupplierClients } from '../suppliers/supplier-clients';

const HISTORY_MS = 30 * 24 * 3600 * 1000;

export interface BalanceServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  /** The desk's one clock: reading stamps, quiet periods and the forecast's "now" come from it. */
  clock: Clock;
  onStatus(profileId: string, status: BalanceStatus): void;
  onAlert(profileId: string, alert: BalanceAlert): void;
  policy?: MonitorPolicy;
}

/**
 * The GiftCard Partners deposit account for the active profile: read on an interval (backing off while reads
 * fail), kept as readings in arrival order, forecast from the spending they show, and alerting below each threshold
 * (clearing by itself once back above) and on a refused order (clearing once the deposit covers it).
 */
export class BalanceService {
  private monitor: { profileId: string; job: BalanceMonitor } | null = null;
  private readonly errors = new Map<string, string>();

  constructor(private readonly deps: BalanceServiceDeps) {}

  /** Monitors the active profile (again, after a switch). */
  start(): void {
    const profileId = this.deps.profiles.active().id;
    if (this.monitor?.profileId === profileId) return;
    void this.monitor?.job.stop();
    const job = new BalanceMonitor(
      () => this.read(profileId),
      this.deps.policy ?? DEFAULT_MONITOR_POLICY,
      this.deps.clock,
    );
    this.monitor = { profileId, job };
    job.start();
  }

  stop(): Promise<void> {
    const job = this.monitor?.job;
    this.monitor = null;
    return job?.stop() ?? Promise.resolve();
  }

  /** Reads the balance now, and answers with the status after. */
  async check(): Promise<BalanceStatus> {
    this.start();
    await this.monitor!.job.poke();
    return this.status();
  }

  status(): Promise<BalanceStatus> {
    return this.statusOf(this.deps.profiles.active().id);
  }

  /**
   * A placement moved: a GiftCard Partners order refused for insufficient funds alerts at once, with how much
   * is missing; any GiftCard Partners outcome re-reads the balance.
   */
  async onPlacement(placement: Placement): Promise<void> {
    if (placement.supplier !== DEPOSIT_SUPPLIER) return;
    if (placement.state !== 'confirmed' && placement.state !== 'rejected') return;
    if (placement.state === 'rejected' && placement.lastError?.kind === 'INSUFFICIENT_FUNDS') {
      await this.insufficientFunds(placement.profileId, placement.reference, placement.order);
    }
    if (this.monitor?.profileId === placement.profileId) await this.monitor.job.poke();
  }

  private async statusOf(profileId: string): Promise<BalanceStatus> {
    const profile = this.deps.profiles.get(profileId);
    const store = this.deps.stores.for(profileId);
    const now = this.deps.clock.now();
    const readings = await store.balance.readings(new Date(now - HISTORY_MS).toISOString());
    const latest = readings.at(-1) ?? null;
    const deposit = profile.depositCurrency || null;
    // Without a deposit currency no reading named one (the first that does is adopted): they are all alike.
    const mine: BalanceSnapshot[] =
      deposit === null
        ? readings
        : readings
            .filter((r) => (r.currency || deposit) === deposit)
            .map((r) => ({ ...r, currency: deposit }));
    const currencyProblem = this.currencyProblem(latest, deposit);
    const inFlight = await this.inFlight(profileId, deposit);
    return {
      latest,
      depositCurrency: deposit,
      currencyProblem,
      history: changePoints(mine),
      otherCurrencyReadings: readings.length - mine.length,
      fundings: fundingMoves(mine),
      inFlight,
      runway: currencyProblem
        ? { kind: 'paused', reason: currencyProblem }
        : runway(mine, now, inFlight.amount),
      thresholds: profile.lowBalanceThresholds,
      fundingPortalUrl: profile.fundingPortalUrl,
      error: this.errors.get(profileId) ?? null,
      nextCheckAt: this.monitor?.profileId === profileId ? this.monitor.job.nextCheckAt : null,
      active: await store.balance.activeAlerts(),
      recent: await store.balance.alerts(10),
    };
  }

  /** Why readings cannot be compared with the profile's thresholds: then alerts and the runway pause. */
  private currencyProblem(latest: BalanceSnapshot | null, deposit: string | null): string | null {
    if (!latest) return null;
    if (deposit === null)
      return 'GiftCard Partners does not say which currency the deposit holds: set the deposit currency in Settings. Alerts and the runway are paused until then.';
    if (latest.currency && latest.currency !== deposit)
      return `Currency changed: check Settings. The latest reading is in ${latest.currency} but this profile’s deposit currency is ${deposit}; alerts and the runway are paused until they match.`;
    return null;
  }

  /**
   * Money about to leave the deposit: each in-flight order at its deposit cost from the cached product (face value
   * when the product is not cached), never adding an order priced in another currency.
   */
  private async inFlight(profileId: string, deposit: string | null): Promise<InFlight> {
    const store = this.deps.stores.for(profileId);
    const flying = (await store.balance.unsettledPlacements()).filter((p) =>
      isMoneyInFlight({ supplier: p.order.supplier, state: p.state }),
    );
    const total: InFlight = { amount: 0, orders: 0, atFaceValue: 0, otherCurrency: 0 };
    for (const { order } of flying) {
      const { productId, value, quantity } = orderFacts(order);
      const product = await this.cachedProduct(profileId, productId);
      if (product?.currency && deposit && product.currency !== deposit) {
        total.otherCurrency++;
        continue;
      }
      total.orders++;
      const cost = product ? depositCost(product, value, quantity) : null;
      if (cost !== null) total.amount += cost;
      else {
        total.atFaceValue++;
        total.amount += faceValue(order);
      }
    }
    total.amount = Math.round(total.amount * 100) / 100;
    return total;
  }

  private async cachedProduct(profileId: string, productId: string): Promise<CatalogueItem | null> {
    const entry = await this.deps.stores.for(profileId).catalogue.item(DEPOSIT_SUPPLIER, productId);
    return entry?.item ?? null;
  }

  /**
   * The profile's deposit currency: as set in Settings, or else the first reading's that named one (adopted into
   * the profile so Settings shows it). Null while no reading has named one.
   */
  private async depositCurrency(profileId: string): Promise<string | null> {
    const set = this.deps.profiles.get(profileId).depositCurrency;
    if (set) return set;
    const first = await this.deps.stores.for(profileId).balance.firstCurrency();
    if (!first) return null;
    try {
      this.deps.profiles.update(profileId, { depositCurrency: first });
      this.deps.logger.info('deposit currency adopted from the first reading', {
        profileId,
        currency: first,
      });
    } catch (error) {
      this.deps.logger.warn('could not save the deposit currency', { profileId, error });
    }
    return first;
  }

  private async insufficientFunds(
    profileId: string,
    reference: string,
    order: PlacementOrder,
  ): Promise<void> {
    const { productId, value, quantity } = orderFacts(order);
    const store = this.deps.stores.for(profileId);
    const key = `insufficient_funds:${reference}`;
    if ((await store.balance.lastRaised())[key] !== undefined) return;
    const deposit = await this.depositCurrency(profileId);
    let product = await this.cachedProduct(profileId, productId);
    let reading: { available: number; currency: string } | null = null;
    try {
      const port = await this.deps.clients.depositPort(profileId);
      const [live, balance] = await Promise.all([
        product ? Promise.resolve(product) : port.catalogueItem!(productId),
        port.balance!(),
      ]);
      product = live;
      reading = { available: balance.available, currency: balance.currency ?? '' };
    } catch (error) {
      this.deps.logger.warn('could not price a refused order', { reference, error });
      reading ??= await store.balance.latest();
    }
    const currency = deposit ?? (reading?.currency || null);
    const cost = product ? depositCost(product, value, quantity) : null;
    const comparable =
      cost !== null &&
      reading !== null &&
      currency !== null &&
      (reading.currency || currency) === currency &&
      (!product?.currency || product.currency === currency);
    const money = (amount: number) => formatMoney(amount, currency);
    const missing = comparable ? Math.round(Math.max(0, cost - reading!.available) * 100) / 100 : null;
    await this.alert(profileId, {
      kind: 'insufficient_funds',
      key,
      at: isoNow(this.deps.clock),
      title: 'Order refused: deposit too low',
      body:
        missing !== null
          ? `GiftCard Partners refused ${reference}: the deposit is ${money(missing)} short (the order costs ${money(cost!)}). Ask finance to fund it, then place it again; this alert clears once Available covers it.`
          : `GiftCard Partners refused ${reference}: the deposit does not hold enough, and the desk could not price the order in the deposit’s currency. Ask finance to fund it; this alert clears when funding reaches Available.`,
      currency: currency ?? '',
      threshold: null,
      missing,
      cover: missing !== null ? cost : null,
      reference,
    });
  }

  private async read(profileId: string): Promise<void> {
    const store = this.deps.stores.for(profileId);
    let snapshot: BalanceSnapshot;
    try {
      const balance = await (await this.deps.clients.depositPort(profileId)).balance!();
      snapshot = {
        at: isoNow(this.deps.clock),
        available: balance.available,
        pending: balance.pending,
        currency: balance.currency ?? '',
      };
    } catch (error) {
      const message = isSupplierError(error) ? explainSupplierError(error.info).title : String(error);
      this.errors.set(profileId, message);
      this.deps.onStatus(profileId, await this.statusOf(profileId));
      throw error;
    }
    this.errors.delete(profileId);
    const previous = await store.balance.latest();
    await store.balance.add(snapshot);
    const deposit = await this.depositCurrency(profileId);
    // A reading in another currency pauses the lifecycle: thresholds are amounts in the deposit currency.
    if (deposit !== null && (snapshot.currency || deposit) === deposit) {
      const previousSame = previous && (previous.currency || deposit) === deposit ? previous : null;
      await this.followAlerts(profileId, snapshot, previousSame, deposit);
    }
    if (profileId === this.deps.profiles.active().id)
      this.deps.onStatus(profileId, await this.statusOf(profileId));
  }

  /** Clears the alerts this reading settles and raises the thresholds it crosses. */
  private async followAlerts(
    profileId: string,
    snapshot: BalanceSnapshot,
    previous: BalanceSnapshot | null,
    deposit: string,
  ): Promise<void> {
    const store = this.deps.stores.for(profileId);
    const profile = this.deps.profiles.get(profileId);
    const money = (amount: number) => formatMoney(amount, deposit);
    const changes = alertChanges(
      snapshot,
      profile.lowBalanceThresholds,
      await store.balance.activeAlerts(),
      await store.balance.lastRaised(),
      this.deps.clock.now(),
      money,
      previous !== null && fundingMoves([previous, snapshot]).length > 0,
    );
    for (const { id, reason } of changes.clear) {
      if (await store.balance.clearAlert(id, isoNow(this.deps.clock), reason))
        this.deps.logger.info('balance alert cleared', { profileId, id, reason });
    }
    for (const threshold of changes.raise) {
      await this.alert(profileId, {
        kind: 'low_balance',
        key: lowBalanceKey(threshold),
        at: snapshot.at,
        title: `Deposit below ${money(threshold)}`,
        body: `GiftCard Partners Available is ${money(snapshot.available)} (Pending ${money(snapshot.pending)}). Request funding before orders are refused.`,
        currency: deposit,
        threshold,
        missing: null,
        cover: null,
        reference: null,
      });
    }
  }

  private async alert(profileId: string, alert: NewBalanceAlert): Promise<void> {
    const recorded = await this.deps.stores.for(profileId).balance.recordAlert(alert);
    this.deps.logger.warn('balance alert', { profileId, key: alert.key });
    this.deps.onAlert(profileId, recorded);
  }
}
