import {
  runway,
  thresholdsToAlert,
  type BalanceAlert,
  type BalanceSnapshot,
  type BalanceStatus,
} from '../../shared/balance';
import { gcpDepositCost } from '../../shared/catalogue';
import { explainSupplierError } from '../../shared/error-catalogue';
import { faceValue, type Placement } from '../../shared/placement';
import { BalanceMonitor, DEFAULT_MONITOR_POLICY, type MonitorPolicy } from '../jobs/balance-monitor';
import type { Logger } from '../log/logger';
import { isSupplierError } from '../providers/supplier-error';
import type { CacheStores } from './cache-stores';
import type { ProfileService } from './profiles';
import type { SupplierClients } from './supplier-clients';

const HISTORY_MS = 30 * 24 * 3600 * 1000;
const money = (amount: number) =>
  amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export interface BalanceServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  onStatus(profileId: string, status: BalanceStatus): void;
  onAlert(profileId: string, alert: BalanceAlert): void;
  policy?: MonitorPolicy;
  now?: () => number;
}

/**
 * The GiftCard Partners deposit account for the active profile: read on an interval (backing off while reads
 * fail), kept as snapshots, alerting below each threshold at most once a day, and at once on a refused order.
 */
export class BalanceService {
  private monitor: { profileId: string; job: BalanceMonitor } | null = null;
  private readonly errors = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly deps: BalanceServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Monitors the active profile (again, after a switch). */
  start(): void {
    const profileId = this.deps.profiles.active().id;
    if (this.monitor?.profileId === profileId) return;
    void this.monitor?.job.stop();
    const job = new BalanceMonitor(() => this.read(profileId), this.deps.policy ?? DEFAULT_MONITOR_POLICY);
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

  async status(): Promise<BalanceStatus> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const now = this.now();
    const history = await store.balanceHistory(new Date(now - HISTORY_MS).toISOString());
    const open = await Promise.all((await store.openPlacementIds()).map((id) => store.placement(id)));
    const committed = open
      .filter(
        (p): p is Placement => p?.supplier === 'gcp' && (p.state === 'journaled' || p.state === 'unknown'),
      )
      .reduce((sum, p) => sum + faceValue(p.order), 0);
    return {
      latest: history.at(-1) ?? null,
      history,
      committed,
      runway: runway(history, now),
      thresholds: profile.lowBalanceThresholds,
      fundingPortalUrl: profile.fundingPortalUrl,
      error: this.errors.get(profile.id) ?? null,
      nextCheckAt: this.monitor?.profileId === profile.id ? this.monitor.job.nextCheckAt : null,
      alerts: await store.balanceAlerts(10),
    };
  }

  /**
   * A placement moved: a GiftCard Partners order refused for insufficient funds alerts at once, with how much
   * is missing; any GiftCard Partners outcome re-reads the balance.
   */
  async onPlacement(placement: Placement): Promise<void> {
    if (placement.supplier !== 'gcp' || placement.order.supplier !== 'gcp') return;
    if (placement.state !== 'confirmed' && placement.state !== 'rejected') return;
    if (placement.state === 'rejected' && placement.lastError?.kind === 'INSUFFICIENT_FUNDS') {
      await this.insufficientFunds(placement.profileId, placement, placement.order);
    }
    if (this.monitor?.profileId === placement.profileId) await this.monitor.job.poke();
  }

  private async insufficientFunds(
    profileId: string,
    placement: Placement,
    order: Extract<Placement['order'], { supplier: 'gcp' }>,
  ): Promise<void> {
    let missing: number | null = null;
    let currency = 'USD';
    try {
      const client = await this.deps.clients.gcp(profileId);
      const [product, balance] = await Promise.all([client.getProduct(order.productId), client.balance()]);
      currency = balance.currency;
      missing = Math.max(
        0,
        Math.round((gcpDepositCost(product, order.value, order.quantity) - balance.available) * 100) / 100,
      );
    } catch (error) {
      this.deps.logger.warn('could not price a refused order', { reference: placement.reference, error });
    }
    await this.alert(profileId, {
      kind: 'insufficient_funds',
      key: 'insufficient_funds',
      at: new Date(this.now()).toISOString(),
      title: 'Order refused: deposit too low',
      body:
        missing === null
          ? `GiftCard Partners refused ${placement.reference}: the deposit account does not hold enough. Ask finance to fund it.`
          : `GiftCard Partners refused ${placement.reference}: the deposit is ${money(missing)} ${currency} short. Ask finance to fund it, then place it again.`,
      currency,
      missing,
      reference: placement.reference,
    });
  }

  private async read(profileId: string): Promise<void> {
    const store = this.deps.stores.for(profileId);
    let snapshot: BalanceSnapshot;
    try {
      const balance = await (await this.deps.clients.gcp(profileId)).balance();
      snapshot = {
        at: new Date(this.now()).toISOString(),
        available: balance.available,
        pending: balance.pending,
        currency: balance.currency,
      };
    } catch (error) {
      const message = isSupplierError(error) ? explainSupplierError(error.info).title : String(error);
      this.errors.set(profileId, message);
      this.deps.onStatus(profileId, await this.status());
      throw error;
    }
    this.errors.delete(profileId);
    await store.balanceAdd(snapshot);
    const profile = this.deps.profiles.get(profileId);
    const crossed = thresholdsToAlert(
      snapshot.available,
      profile.lowBalanceThresholds,
      await store.balanceLastAlerted(),
      this.now(),
    );
    for (const threshold of crossed) {
      await this.alert(profileId, {
        kind: 'low_balance',
        key: `low:${threshold}`,
        at: snapshot.at,
        title: `Deposit below ${threshold.toLocaleString('en-US')} ${snapshot.currency}`,
        body: `GiftCard Partners Available is ${money(snapshot.available)} ${snapshot.currency} (Pending ${money(snapshot.pending)}). Request funding before orders are refused.`,
        currency: snapshot.currency,
        missing: null,
        reference: null,
      });
    }
    if (profileId === this.deps.profiles.active().id) this.deps.onStatus(profileId, await this.status());
  }

  private async alert(profileId: string, alert: BalanceAlert): Promise<void> {
    await this.deps.stores.for(profileId).balanceAlertRecord(alert);
    this.deps.logger.warn('balance alert', { profileId, key: alert.key });
    this.deps.onAlert(profileId, alert);
  }
}
