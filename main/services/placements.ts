import { depositCoverWarning } from '../../shared/balance';
import { gcpDepositCost, pointsPrice } from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import {
  faceValue,
  placementDraftSchema,
  type Placement,
  type PlacementDraft,
  type PlacementQuote,
} from '../../shared/placement';
import { PlacementRunner } from '../jobs/placement-runner';
import type { Logger } from '../log/logger';
import { isSupplierError } from '../providers/supplier-error';
import type { CacheStores } from './cache-stores';
import { unavailableMessage, type CatalogueService } from './catalogue';
import type { ProfileService } from './profiles';
import type { SupplierClients } from './supplier-clients';

export interface PlacementServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  catalogue: CatalogueService;
  logger: Logger;
  emit(placement: Placement): void;
}

/** Manual placement for the active profile: journal, drive, reconcile at start, and quotes. */
export class PlacementService {
  private readonly runners = new Map<string, { runner: PlacementRunner; ready: Promise<void> }>();

  constructor(private readonly deps: PlacementServiceDeps) {}

  /** Reconciles the profile's open placements before anything else touches them (at start and on switching). */
  open(profileId = this.deps.profiles.active().id): Promise<void> {
    return this.runnerFor(profileId).ready;
  }

  async place(draft: PlacementDraft): Promise<Placement> {
    const profile = this.deps.profiles.active();
    const { order, confirmation } = placementDraftSchema.parse(draft);
    if (profile.environment === 'production') {
      if (faceValue(order) > profile.maxOrderValue) {
        throw new AppError(
          'VALIDATION',
          `This order is worth ${faceValue(order)}, over this Production profile's limit of ${profile.maxOrderValue}. Split it, or raise the limit in Settings.`,
        );
      }
      if (confirmation !== order.reference) {
        throw new AppError(
          'VALIDATION',
          'On a Production profile, type the reference again to confirm the order.',
        );
      }
    }
    // A card that vanished from the supplier's listing gets a clear answer here, not a supplier error later.
    const entry = await this.deps.catalogue.entry(
      order.supplier,
      order.supplier === 'ascenda' ? order.giftCardId : order.productId,
    );
    if (entry && !entry.available) throw new AppError('VALIDATION', unavailableMessage(entry));
    const { runner, ready } = this.runnerFor(profile.id);
    await ready;
    const { placement, created } = await runner.place(profile.id, order, profile.agentName);
    if (!created) {
      throw new AppError(
        'CONFLICT',
        `Reference ${order.reference} was already used (placement #${placement.id}, ${placement.state}). Nothing new was sent.`,
        {
          placementId: placement.id,
        },
      );
    }
    return placement;
  }

  async get(id: number): Promise<Placement> {
    const placement = await this.deps.stores.for(this.deps.profiles.active().id).placement(id);
    if (!placement) throw new AppError('NOT_FOUND', `No placement #${id} on this profile.`);
    return placement;
  }

  recent(): Promise<Placement[]> {
    return this.deps.stores.for(this.deps.profiles.active().id).recentPlacements(50);
  }

  async quote(item: {
    supplier: 'ascenda' | 'gcp';
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
    let currency = item.currency ?? 'USD';
    if (item.supplier === 'gcp') {
      try {
        const client = await this.deps.clients.gcp(profile.id);
        const [product, balance] = await Promise.all([client.getProduct(item.productId), client.balance()]);
        currency = product.currency || profile.depositCurrency || balance.currency || currency;
        cost = gcpDepositCost(product, item.value, item.quantity);
        available = balance.available;
        const warning = depositCoverWarning({
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
          `Could not price this order at GiftCard Partners just now (${error.info.kind.toLowerCase()}).`,
        );
      }
    }
    if (profile.environment === 'production' && value > profile.maxOrderValue) {
      warnings.push(`Over this Production profile's limit of ${profile.maxOrderValue} per order.`);
    }
    return { faceValue: value, currency, points: pointsPrice(value, profile.cpp), cost, available, warnings };
  }

  stop(): Promise<void> {
    for (const { runner } of this.runners.values()) runner.stop();
    return Promise.all([...this.runners.values()].map(({ runner }) => runner.settled())).then(
      () => undefined,
    );
  }

  private runnerFor(profileId: string) {
    let entry = this.runners.get(profileId);
    if (!entry) {
      const runner = new PlacementRunner({
        store: this.deps.stores.for(profileId),
        clients: {
          ascenda: () => this.deps.clients.ascenda(profileId),
          gcp: () => this.deps.clients.gcp(profileId),
        },
        emit: this.deps.emit,
        logger: this.deps.logger,
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
