import { SUPPLIERS, SUPPLIER_NAMES, type Supplier } from '../../../shared/domain';
import type { HistoryOrderDetail } from '../../../shared/history';
import {
  recommend,
  referenceProblem,
  type LiveSearch,
  type LookupEvent,
  type LookupQuery,
  type LookupReply,
  type LookupResult,
} from '../../../shared/lookup';
import type { OrderNote } from '../../../shared/notes';
import type { SupplierOrder } from '../../../shared/orders';
import type { Placement } from '../../../shared/placement';
import type { PointRates } from '../../../shared/points';
import type { Logger } from '../../log/logger';
import { isSupplierError } from '../../providers/supplier-error';
import { AppError } from '../../../shared/errors';
import type { ArchiveSearch } from '../../store/protocol/api';
import { isoNow, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { CatalogueService } from '../catalogue/catalogue';
import type { ProfileService } from '../profiles/profiles';
import type { SupplierClients } from '../suppliers/supplier-clients';

const LIMIT = 20;

export interface LookupServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  /** Deleted profiles' journals, searched read-only. */
  archives: ArchiveSearch;
  catalogue: CatalogueService;
  clock: Clock;
}

const toOrder = (d: HistoryOrderDetail): SupplierOrder => ({
  supplier: d.supplier,
  id: d.supplierOrderId,
  reference: d.reference,
  supplierStatus: d.supplierStatus,
  createdAt: d.createdAt,
  transactedAt: d.transactedAt,
  memberId: d.memberId,
  deliveryType: d.deliveryType,
  total: d.total,
  items: d.items,
});

/** What one result is being assembled from, before its recommendation and timeline are worked out. */
interface Draft {
  supplier: Supplier;
  reference: string;
  order: SupplierOrder | null;
  placement: Placement | null;
  match: 'exact' | 'prefix';
  sources: LookupResult['sources'];
  archived?: LookupResult['archived'];
}

/**
 * Finds an order the way an agent asks for it: by reference_id / PONumber, supplier order id or recipient email.
 * The cache and the placement journal answer first (instant, offline); the suppliers are asked only when `live`,
 * and what they return is written to the cache so the next lookup finds it offline.
 */
export class LookupService {
  constructor(private readonly deps: LookupServiceDeps) {}

  async search({ query, live }: LookupQuery): Promise<LookupReply> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const [local, nearMatches] = await Promise.all([
      store.lookup.search(query, LIMIT),
      store.lookup.near(query, 8),
    ]);
    const drafts = new Map<string, Draft>();
    const add = (key: string, part: Partial<Draft> & Pick<Draft, 'supplier' | 'reference' | 'match'>) => {
      const current = drafts.get(key);
      if (!current) {
        drafts.set(key, { order: null, placement: null, ...part, sources: part.sources ?? [] });
        return;
      }
      drafts.set(key, {
        ...current,
        order: part.order ?? current.order,
        placement: part.placement ?? current.placement,
        match: current.match === 'exact' || part.match === 'exact' ? 'exact' : 'prefix',
        sources: [...current.sources, ...(part.sources ?? [])],
      });
    };
    for (const { order, match } of local.orders) {
      add(`${order.supplier}:${order.supplierOrderId}`, {
        supplier: order.supplier,
        reference: order.reference,
        order: toOrder(order),
        match,
        sources: [{ source: 'cache', asOf: order.syncedAt }],
      });
    }
    for (const { placement, match } of local.placements) {
      add(placementKey(placement), {
        supplier: placement.supplier,
        reference: placement.reference,
        placement,
        match,
        sources: [{ source: 'journal', asOf: placement.updatedAt }],
      });
    }
    for (const { archive, placement, match } of this.deps.archives.search(query, LIMIT)) {
      add(`archive:${archive.file}:${placement.id}`, {
        supplier: placement.supplier,
        reference: placement.reference,
        placement,
        match,
        sources: [{ source: 'journal', asOf: placement.updatedAt }],
        archived: { profileName: archive.profileName, archivedAt: archive.archivedAt },
      });
    }

    const email = query.includes('@');
    const status = {} as LookupReply['live'];
    for (const supplier of SUPPLIERS) {
      status[supplier] = email
        ? { outcome: 'email', detail: 'Suppliers cannot be searched by email; the cache was.' }
        : { outcome: 'not_searched', detail: null };
    }
    if (live && !email) {
      await Promise.all(
        SUPPLIERS.map(async (supplier) => {
          const found = await this.live(profile.id, supplier, query);
          status[supplier] = { outcome: found.outcome, detail: found.detail };
          if (found.orders.length === 0) return;
          const now = isoNow(this.deps.clock);
          await this.cacheQuietly(profile.id, found.orders, now);
          for (const order of found.orders) {
            add(`${supplier}:${order.id}`, {
              supplier,
              reference: order.reference ?? query,
              order,
              match: 'exact',
              sources: [{ source: 'live', asOf: now }],
            });
          }
        }),
      );
    }

    const now = this.deps.clock.now();
    const currencyOf = await this.deps.catalogue.currencyResolver(profile);
    const zones = await this.programZones(profile.id);
    const notes = await store.notes.forOrders(
      [...drafts.values()]
        .filter((d) => !d.archived)
        .map((d) => ({ supplier: d.supplier, reference: d.reference })),
    );
    const results = [...drafts.entries()].map(([key, draft]) =>
      this.result(
        key,
        withCurrency(ownOrder(draft), currencyOf),
        now,
        profile.pointRates,
        zones,
        draft.archived ? [] : notesOf(notes, draft),
      ),
    );
    results.sort(
      (a, b) =>
        Number(b.match === 'exact') - Number(a.match === 'exact') ||
        (b.order?.createdAt ?? b.placement?.createdAt ?? '').localeCompare(
          a.order?.createdAt ?? a.placement?.createdAt ?? '',
        ),
    );
    const problem = referenceProblem(query);
    return {
      query,
      results,
      live: status,
      referenceProblem: problem,
      nearMatches: nearMatches.filter((m) => m.reference !== query),
      // The one case "not found anywhere" is true: a plausible reference both suppliers looked up exactly.
      notFoundAnywhere:
        problem === null && results.length === 0 && SUPPLIERS.every((s) => status[s].outcome === 'not_found'),
    };
  }

  /** Re-reads one order from its supplier (by id, or by reference when it has none yet) and caches it. */
  async refresh(input: {
    supplier: Supplier;
    reference: string;
    supplierOrderId?: string;
  }): Promise<LookupResult> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const { supplier, reference } = input;
    const order = input.supplierOrderId
      ? await this.getOrder(profile.id, supplier, input.supplierOrderId)
      : await this.findByReference(profile.id, supplier, reference);
    const now = isoNow(this.deps.clock);
    if (order) await this.cacheQuietly(profile.id, [order], now);
    const placement = await store.placements.byReference(supplier, order?.reference ?? reference);
    const sources: LookupResult['sources'] = [{ source: 'live', asOf: now }];
    if (placement) sources.push({ source: 'journal', asOf: placement.updatedAt });
    const key = order
      ? `${supplier}:${order.id}`
      : placement
        ? placementKey(placement)
        : `${supplier}:ref:${reference}`;
    const currencyOf = await this.deps.catalogue.currencyResolver(profile);
    const notes = await store.notes.of(supplier, order?.reference ?? reference);
    return this.result(
      key,
      withCurrency(
        { supplier, reference: order?.reference ?? reference, order, placement, match: 'exact', sources },
        currencyOf,
      ),
      this.deps.clock.now(),
      profile.pointRates,
      await this.programZones(profile.id),
      notes,
    );
  }

  /** Each cached loyalty programme's time zone, where known: a transfer's business days are counted in it. */
  private async programZones(profileId: string): Promise<(programId: string) => string | null> {
    const entries = await this.deps.stores
      .for(profileId)
      .programs.list()
      .catch(() => []);
    const zones = new Map(entries.map((e) => [e.program.id, e.program.timeZone]));
    return (programId) => zones.get(programId) ?? null;
  }

  /**
   * What a supplier just said is shown whether or not it can be cached: a read-only folder or a full disk costs
   * the cache copy (logged; the banner says why), never the answer.
   */
  private async cacheQuietly(profileId: string, orders: SupplierOrder[], at: string): Promise<void> {
    try {
      await this.deps.stores.for(profileId).orders.upsert(orders, at);
    } catch (error) {
      if (!(error instanceof AppError) || !['READ_ONLY', 'DISK_FULL'].includes(error.code)) throw error;
      this.deps.logger.warn('lookup result not cached', { profileId, code: error.code });
    }
  }

  private result(
    key: string,
    draft: Draft,
    now: number,
    rates: PointRates,
    programTimeZone: (programId: string) => string | null,
    notes: OrderNote[],
  ): LookupResult {
    return {
      key,
      supplier: draft.supplier,
      reference: draft.reference,
      supplierOrderId: draft.order?.id ?? draft.placement?.supplierOrderId ?? null,
      match: draft.match,
      sources: draft.sources,
      order: draft.order,
      placement: draft.placement,
      archived: draft.archived ?? null,
      recommendation: recommend({
        order: draft.order,
        placement: draft.placement,
        now,
        rates,
        programTimeZone,
      }),
      timeline: timelineOf(draft, notes),
      notes,
    };
  }

  private async live(
    profileId: string,
    supplier: Supplier,
    query: string,
  ): Promise<{ outcome: LiveSearch; detail: string | null; orders: SupplierOrder[] }> {
    try {
      const [byReference, byId] = await Promise.all([
        this.findByReference(profileId, supplier, query),
        this.getOrder(profileId, supplier, query).catch((error: unknown) => {
          // Most lookups are references, not order ids: the supplier's "no such id" is the usual answer.
          if (isSupplierError(error) && error.info.kind === 'NOT_FOUND') return null;
          throw error;
        }),
      ]);
      const orders = [byReference, byId].filter((o): o is SupplierOrder => o !== null);
      const unique = orders.filter((o, i) => orders.findIndex((x) => x.id === o.id) === i);
      return { outcome: unique.length ? 'found' : 'not_found', detail: null, orders: unique };
    } catch (error) {
      if (!isSupplierError(error)) throw error;
      this.deps.logger.warn('live lookup failed', { supplier, kind: error.info.kind });
      return {
        outcome: 'offline',
        detail: `${SUPPLIER_NAMES[supplier]} could not be searched (${error.info.kind.toLowerCase().replace('_', ' ')}).`,
        orders: [],
      };
    }
  }

  private async findByReference(profileId: string, supplier: Supplier, reference: string) {
    return (await this.deps.clients.port(profileId, supplier)).findOrderByReference(reference);
  }

  private async getOrder(profileId: string, supplier: Supplier, id: string) {
    return (await this.deps.clients.port(profileId, supplier)).getOrder(id);
  }
}

/**
 * An order's lines without a currency (GiftCard Partners returns none) take their product's, so refunds are
 * priced at the right rate; a line whose currency cannot be known stays without one ("points unknown").
 */
function withCurrency(
  draft: Draft,
  currencyOf: (supplier: Supplier, productId: string | null) => string | null,
): Draft {
  const order = draft.order;
  if (!order || order.items.every((item) => item.currency)) return draft;
  const items = order.items.map((item) =>
    item.currency ? item : { ...item, currency: currencyOf(order.supplier, item.productId) },
  );
  return { ...draft, order: { ...order, items } };
}

const placementKey = (p: Placement) =>
  p.supplierOrderId ? `${p.supplier}:${p.supplierOrderId}` : `${p.supplier}:ref:${p.reference}`;

/** A placement's own verified order stands in for the cache's copy until the history has it. */
const ownOrder = (draft: Draft): Draft =>
  draft.order || !draft.placement?.supplierOrder ? draft : { ...draft, order: draft.placement.supplierOrder };

const notesOf = (notes: OrderNote[], draft: Draft) =>
  notes.filter((n) => n.supplier === draft.supplier && n.reference === draft.reference);

/** The journal's steps, what the supplier says and the agents' notes, in time order. */
function timelineOf({ order, placement, sources }: Draft, notes: OrderNote[]): LookupEvent[] {
  const events: LookupEvent[] = (placement?.timeline ?? []).map((e) => ({
    at: e.at,
    source: 'journal',
    message: e.message,
    httpStatus: e.httpStatus,
    supplierCode: e.supplierCode,
    requestId: e.requestId,
  }));
  const supplierEvent = (at: string, message: string): LookupEvent => ({
    at,
    source: 'supplier',
    message,
    httpStatus: null,
    supplierCode: null,
    requestId: null,
  });
  if (order) {
    const supplier = SUPPLIER_NAMES[order.supplier];
    if (order.transactedAt && order.transactedAt !== order.createdAt)
      events.push(supplierEvent(order.transactedAt, 'Transaction time given with the order'));
    if (order.createdAt)
      events.push(supplierEvent(order.createdAt, `Order ${order.id} created at ${supplier}`));
    const readAt =
      sources
        .map((s) => s.asOf)
        .sort()
        .at(-1) ??
      order.createdAt ??
      '';
    for (const item of order.items) {
      const errors = item.errors.map((e) => `${e.code} ${e.message}`).join('; ');
      events.push({
        ...supplierEvent(
          readAt,
          `Item ${item.id} (${item.productName ?? item.productId}): ${item.supplierStatus}${errors ? ` — ${errors}` : ''}`,
        ),
        supplierCode: item.errors[0]?.code ?? null,
      });
    }
  }
  for (const note of notes) {
    events.push({
      at: note.at,
      source: 'note',
      message: `${note.agent}: ${note.text}`,
      httpStatus: null,
      supplierCode: null,
      requestId: null,
    });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
