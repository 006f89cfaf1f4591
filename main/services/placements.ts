import type { GiftCard, Option, Product } from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
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
import type { ProfileService } from './profiles';
import type { SupplierClients } from './supplier-clients';

export interface PlacementServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  emit(placement: Placement): void;
}

/** Manual placement for the active profile: journal, drive, reconcile at start, quotes and catalogue search. */
export class PlacementService {
  private readonly runners = new Map<string, { runner: PlacementRunner; ready: Promise<void> }>();
  private readonly products = new Map<string, Promise<Product[]>>();

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
        currency = product.currency ?? balance.currency;
        // Per card: value less the discount (a fraction, INFERRED), plus the fee.
        cost =
          Math.round((item.value * (1 - product.discountPercentage) + product.fee) * item.quantity * 100) /
          100;
        available = balance.available;
        if (cost > available) {
          warnings.push(
            `The deposit holds ${available.toFixed(2)} ${balance.currency} but this order costs ${cost.toFixed(2)}: GiftCard Partners will refuse it (insufficient funds).`,
          );
        }
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
    return { faceValue: value, currency, points: Math.ceil(value / profile.cpp), cost, available, warnings };
  }

  /** Live catalogue search for the order form (the Catalogue screen's cache arrives with issue 8). */
  async search(supplier: 'ascenda' | 'gcp', text: string): Promise<Array<GiftCard | Product>> {
    const profileId = this.deps.profiles.active().id;
    if (supplier === 'ascenda') {
      const client = await this.deps.clients.ascenda(profileId);
      return (await client.listGiftCards({ name: text || undefined, pageSize: 25, sort: 'name:asc' })).items;
    }
    const all = await this.allProducts(profileId);
    const needle = text.trim().toLowerCase();
    return all
      .filter((p) => !needle || p.name.toLowerCase().includes(needle) || p.id.toLowerCase().includes(needle))
      .slice(0, 25);
  }

  async shippingOptions(): Promise<{ shippingMethods: Option[]; carriers: Option[] }> {
    const client = await this.deps.clients.gcp(this.deps.profiles.active().id);
    const [shippingMethods, carriers] = await Promise.all([
      client.referenceList('shippingMethods'),
      client.referenceList('carriers'),
    ]);
    return { shippingMethods, carriers };
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

  /** GCP's catalogue is small and meant to be cached (a week, CONFIRMED); pages are read once per session. */
  private allProducts(profileId: string): Promise<Product[]> {
    let products = this.products.get(profileId);
    if (!products) {
      products = (async () => {
        const client = await this.deps.clients.gcp(profileId);
        const first = await client.listProducts(1);
        const rest = await Promise.all(
          Array.from({ length: first.totalPages - 1 }, (_, i) => client.listProducts(i + 2)),
        );
        return [first, ...rest].flatMap((page) => page.items);
      })();
      products.catch(() => this.products.delete(profileId));
      this.products.set(profileId, products);
    }
    return products;
  }
}
