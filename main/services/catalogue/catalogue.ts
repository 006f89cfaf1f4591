import {
  CATALOGUE_TTL_MS,
  isStale,
  type Page,
  type UnreadableRecord,
  type CatalogueEntry,
  type CatalogueFreshness,
  type CatalogueItem,
  type CatalogueSnapshot,
  type Option,
} from '../../../shared/catalogue';
import { SUPPLIERS, SUPPLIER_NAMES, type Profile, type Supplier } from '../../../shared/domain';
import { PROVIDER_TRAITS, SHIPPING_SUPPLIER } from '../../../shared/provider-traits';
import type { Logger } from '../../log/logger';
import { ListingGuard, listingEnded } from '../../providers/listing-guard';
import type { Clock } from '../../time/clock';
import type { SupplierPort } from '../../providers/supplier-port';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { SupplierClients } from '../suppliers/supplier-clients';
import { Refreshes } from './refreshes';

/** Pages fetched at once after the first: quick, without flooding the supplier's rate limit. */
const PARALLEL_PAGES = 4;

export interface CatalogueServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  /** A supplier's cached catalogue changed or its refresh ended (the screen reloads). */
  onUpdated(profileId: string): void;
  clock: Clock;
}

/**
 * Both catalogues, cached per profile with each supplier's rule: Ascenda never shown as fresh after an hour
 * (refetched in the background when read stale), GiftCard Partners kept a week and refreshed on demand.
 */
export class CatalogueService {
  private readonly refreshes = new Refreshes();
  /** Each profile's parsed catalogue, read once and dropped when a refresh writes a new one. */
  private readonly cached = new Map<string, Promise<CatalogueEntry[]>>();
  /** Monotonic time of each refresh this session made: its age holds whatever the wall clock does. */
  private readonly fetchedAt = new Map<string, number>();

  constructor(private readonly deps: CatalogueServiceDeps) {}

  private now(): number {
    return this.deps.clock.now();
  }

  /**
   * By the wall-clock fetch time (stale if older than the TTL or in the future) and, for a refresh made this
   * session, by monotonic time too: a clock set back cannot keep a listing fresh past its TTL.
   */
  private stale(profileId: string, supplier: Supplier, fetchedAt: string | null): boolean {
    const mono = this.fetchedAt.get(`${profileId}:${supplier}`);
    const monoStale = mono !== undefined && this.deps.clock.monotonic() - mono >= CATALOGUE_TTL_MS[supplier];
    return monoStale || isStale(supplier, fetchedAt, this.now());
  }

  /** What is cached now; a stale or empty supplier starts refreshing in the background. */
  async snapshot(): Promise<CatalogueSnapshot> {
    const profileId = this.deps.profiles.active().id;
    const entries = await this.entries(profileId);
    const freshness = this.freshness(profileId, entries);
    for (const supplier of SUPPLIERS) {
      if (freshness[supplier].stale && !freshness[supplier].refreshing) {
        void this.refreshOne(profileId, supplier);
        freshness[supplier].refreshing = true;
      }
    }
    return { entries, freshness };
  }

  /** Reads the suppliers' full listings now, and answers with the cache after. */
  async refresh(suppliers: readonly Supplier[] = SUPPLIERS): Promise<CatalogueSnapshot> {
    const profileId = this.deps.profiles.active().id;
    await Promise.all(suppliers.map((supplier) => this.refreshOne(profileId, supplier)));
    const entries = await this.entries(profileId);
    return { entries, freshness: this.freshness(profileId, entries) };
  }

  /** The cached entry for an item, or null when the desk has never seen it. */
  entry(supplier: Supplier, id: string): Promise<CatalogueEntry | null> {
    return this.deps.stores.for(this.deps.profiles.active().id).catalogue.item(supplier, id);
  }

  /** Available items whose name, brand or id contains the text: the Place order form's search. */
  async search(supplier: Supplier, text: string, limit = 25): Promise<CatalogueItem[]> {
    const profileId = this.deps.profiles.active().id;
    let entries = await this.entries(profileId);
    if (!entries.some((e) => e.item.supplier === supplier)) {
      await this.refreshOne(profileId, supplier);
      entries = await this.entries(profileId);
    } else if (this.stale(profileId, supplier, newest(entries, supplier)))
      void this.refreshOne(profileId, supplier);
    const needle = text.trim().toLowerCase();
    return entries
      .filter((e) => e.available && e.item.supplier === supplier)
      .map((e) => e.item)
      .filter((item) => !needle || haystack(item).includes(needle))
      .slice(0, limit);
  }

  /** The shipping methods and carriers of physical cards, from the cache (read with the supplier's products). */
  async shippingOptions(): Promise<{ shippingMethods: Option[]; carriers: Option[] }> {
    const profileId = this.deps.profiles.active().id;
    const store = this.deps.stores.for(profileId);
    let lists = await store.catalogue.referenceLists();
    if (!lists.shippingMethods) {
      await this.refreshOne(profileId, SHIPPING_SUPPLIER);
      lists = await store.catalogue.referenceLists();
    }
    if (!lists.shippingMethods) {
      const reason = this.refreshes.error(`${profileId}:${SHIPPING_SUPPLIER}`) ?? 'not available';
      throw new Error(`${SUPPLIER_NAMES[SHIPPING_SUPPLIER]}' shipping methods could not be read: ${reason}`);
    }
    return { shippingMethods: lists.shippingMethods, carriers: lists.carriers ?? [] };
  }

  /**
   * The currency of an order line the supplier returned without one (GiftCard Partners lines carry none): the
   * product's own currency from the catalogue, else the profile's deposit currency for GiftCard Partners, else
   * unknown. Points are priced per currency, so a guess here would be a wrong refund.
   */
  async currencyResolver(
    profile: Profile,
  ): Promise<(supplier: Supplier, productId: string | null) => string | null> {
    const byItem = new Map<string, string>();
    for (const { item } of await this.entries(profile.id).catch(() => [])) {
      if (item.currency) byItem.set(`${item.supplier}:${item.id}`, item.currency.toUpperCase());
    }
    // The deposit's currency as set, else as its first reading named it (before Balance adopts it).
    const deposit =
      profile.depositCurrency ||
      (await this.deps.stores
        .for(profile.id)
        .balance.firstCurrency()
        .catch(() => null));
    return (supplier, productId) =>
      (productId && byItem.get(`${supplier}:${productId}`)) ||
      (PROVIDER_TRAITS[supplier].linesWithoutCurrency && deposit) ||
      null;
  }

  /** The cached catalogue: parsed from SQLite once, not on every search keystroke. */
  private entries(profileId: string): Promise<CatalogueEntry[]> {
    let entries = this.cached.get(profileId);
    if (!entries) {
      entries = this.deps.stores.for(profileId).catalogue.list();
      // A failed read is not kept: the next call reads again.
      entries.catch(() => this.cached.get(profileId) === entries && this.cached.delete(profileId));
      this.cached.set(profileId, entries);
    }
    return entries;
  }

  private freshness(profileId: string, entries: CatalogueEntry[]): Record<Supplier, CatalogueFreshness> {
    const result = {} as Record<Supplier, CatalogueFreshness>;
    for (const supplier of SUPPLIERS) {
      const fetchedAt = newest(entries, supplier);
      const key = `${profileId}:${supplier}`;
      result[supplier] = {
        fetchedAt,
        stale: this.stale(profileId, supplier, fetchedAt),
        refreshing: this.refreshes.isRunning(key),
        error: this.refreshes.error(key),
      };
    }
    return result;
  }

  /** One refresh per profile and supplier at a time; callers share it. */
  private refreshOne(profileId: string, supplier: Supplier): Promise<void> {
    return this.refreshes.run(`${profileId}:${supplier}`, () => this.fetch(profileId, supplier), {
      failed: (error) => this.deps.logger.warn('catalogue refresh failed', { profileId, supplier, error }),
      settled: () => {
        this.cached.delete(profileId);
        this.deps.onUpdated(profileId);
      },
    });
  }

  /**
   * One supplier's full listing through its port, then the cache: items that could not be read keep their last
   * cached version (never marked withdrawn for it); a listing that runs away leaves the cache as it was.
   */
  private async fetch(profileId: string, supplier: Supplier): Promise<void> {
    const fetchedAt = new Date(this.now()).toISOString();
    const started = this.deps.clock.monotonic();
    const store = this.deps.stores.for(profileId);
    const port = await this.deps.clients.port(profileId, supplier);
    const [listing, lists] = await Promise.all([
      readListing(port),
      port.listReferenceLists ? port.listReferenceLists() : null,
    ]);
    const unreadableIds = listing.unreadable.map((u) => u.id).filter((id): id is string => id !== null);
    const vanished = await store.catalogue.replace(supplier, listing.items, fetchedAt, unreadableIds);
    if (lists) await store.catalogue.saveReferenceLists(lists, fetchedAt);
    this.fetchedAt.set(`${profileId}:${supplier}`, started);
    if (listing.unreadable.length > 0)
      this.deps.logger.warn('catalogue items unreadable', {
        profileId,
        supplier,
        unreadable: listing.unreadable,
      });
    this.deps.logger.info('catalogue refreshed', {
      profileId,
      supplier,
      items: listing.items.length,
      unreadable: listing.unreadable.length,
      vanished,
    });
  }
}

/**
 * Every page of a listing. The first page's total only decides how many pages are asked for at once; the listing
 * ends on an empty page, the last page named, or a short page when none is named, and stops as a runaway on a
 * repeated page, a page of ids already read, or the page cap.
 */
async function readListing(
  port: SupplierPort,
): Promise<{ items: CatalogueItem[]; unreadable: UnreadableRecord[] }> {
  const { pageSize, maxPages } = port.listing;
  const guard = new ListingGuard(`${SUPPLIER_NAMES[port.supplier]}'s catalogue`, maxPages);
  const items: CatalogueItem[] = [];
  const unreadable: UnreadableRecord[] = [];
  const take = (number: number, page: Page<CatalogueItem>): boolean => {
    const runaway = guard.check(number, [
      ...page.items.map((item) => item.id),
      ...page.unreadable.map((u) => u.id).filter((id): id is string => id !== null),
    ]);
    if (runaway) throw new Error(`${runaway}; the cached catalogue was kept`);
    items.push(...page.items);
    unreadable.push(...page.unreadable);
    return listingEnded(page, number);
  };
  const first = await port.listCatalogue(1, pageSize);
  if (take(1, first)) return { items, unreadable };
  for (let next = 2; ;) {
    const batch =
      first.totalPages === null ? 1 : Math.min(PARALLEL_PAGES, Math.max(1, first.totalPages - next + 1));
    const cap = guard.beyondCap(next + batch - 1);
    if (cap) throw new Error(`${cap}; the cached catalogue was kept`);
    const pages = await Promise.all(
      Array.from({ length: batch }, (_, i) => port.listCatalogue(next + i, pageSize)),
    );
    for (const [i, page] of pages.entries()) if (take(next + i, page)) return { items, unreadable };
    next += batch;
  }
}

function newest(entries: CatalogueEntry[], supplier: Supplier): string | null {
  let latest: string | null = null;
  for (const e of entries)
    if (e.item.supplier === supplier && (latest === null || e.fetchedAt > latest)) latest = e.fetchedAt;
  return latest;
}

/** What a search box matches: name, brand (where the supplier names one) and id. */
export const haystack = (item: CatalogueItem) =>
  `${item.name} ${'brandName' in item ? item.brandName : ''} ${item.id}`.toLowerCase();

export const unavailableMessage = (entry: CatalogueEntry) =>
  `${entry.item.name} (${entry.item.id}) is no longer in ${SUPPLIER_NAMES[entry.item.supplier]}'s catalogue: it was missing from the listing read after ${new Date(entry.fetchedAt).toUTCString()}. Pick another card; nothing was sent.`;
