import type { Page, UnreadableRecord } from '../../shared/catalogue';
import { SUPPLIER_NAMES, type Supplier } from '../../shared/domain';
import type { SyncProgress } from '../../shared/history';
import type { SupplierOrder } from '../../shared/orders';
import { AppError } from '../../shared/errors';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';
import type { Logger } from '../log/logger';
import { isSupplierError } from '../providers/supplier-error';
import type { QuarantineEntry, Store, SyncCursor } from '../store/protocol/api';
import { ListingGuard, listingEnded } from '../providers/listing-guard';
import { backoff, sleep, type Jitter } from '../time/backoff';

const PAGE_JITTER: Jitter = { from: 0.5, to: 1.5 };

/** One supplier's order history, page by page, newest first. */
export interface HistorySource {
  pageSize: number;
  /** The page cap: a listing still going after this many pages is a runaway, reported and stopped. */
  maxPages: number;
  /** Orders created at or after `since` (ISO) when the supplier can filter by date; otherwise all. */
  fetchPage(page: number, pageSize: number, since: string | null): Promise<Page<SupplierOrder>>;
}

export interface HistorySyncOptions {
  store: Store;
  source: () => Promise<HistorySource>;
  emit(progress: SyncProgress): void;
  logger: Logger;
  /** How far before the last watermark an incremental run re-reads, to catch late status changes. */
  overlapMs?: number;
  /** Retries per page for failures that may pass (timeouts, 5xx, 429, garbled answers). */
  retries?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const TRANSIENT = new Set<SupplierErrorInfo['kind']>(['INDETERMINATE', 'RATE_LIMITED', 'MALFORMED_RESPONSE']);

/**
 * Incremental, resumable, de-duplicating history sync for one supplier of one profile.
 * - A run starts from the last watermark minus an overlap (everything on the first run) and pages newest first
 *   until it passes that point or runs out of pages.
 * - Each page and the cursor after it are written in one transaction, so a crash or a lost network resumes at
 *   the first page not saved, never skipping one; re-read orders are upserts, so nothing doubles.
 * - Cancellation takes effect between pages.
 * - A page with unreadable orders caches the readable ones and quarantines the others (id and field path), so one
 *   bad order never blocks the sync. A listing that repeats a page, loops or passes the page cap stops with a
 *   message that says so; what was read before stays cached.
 */
export class HistorySync {
  private readonly overlapMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    readonly supplier: Supplier,
    private readonly options: HistorySyncOptions,
  ) {
    this.overlapMs = options.overlapMs ?? 3 * 24 * 3600 * 1000;
    this.retries = options.retries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.sleep = options.sleep ?? sleep;
    this.now = options.now ?? Date.now;
  }

  async run(signal: AbortSignal): Promise<SyncProgress> {
    const { store } = this.options;
    let cursor = await store.orders.cursor(this.supplier);
    // A run that crashed, failed or was cancelled is unfinished: it resumes at its first unsaved page.
    if (cursor.status === 'idle' || cursor.status === 'done') cursor = await this.begin(cursor);
    else {
      cursor = { ...cursor, status: 'running', lastError: null, offline: false };
      await store.orders.saveCursor(cursor);
      this.options.logger.info('history sync resumes', { supplier: this.supplier, page: cursor.nextPage });
    }
    this.options.emit(progressOf(cursor));
    try {
      const source = await this.options.source();
      const guard = new ListingGuard(`${SUPPLIER_NAMES[this.supplier]}'s order history`, source.maxPages);
      for (;;) {
        if (signal.aborted) return await this.finish({ ...cursor, status: 'cancelled' });
        const runaway = guard.beyondCap(cursor.nextPage);
        if (runaway) return await this.runaway(cursor, runaway);
        const page = await this.fetch(source, cursor);
        const loop = guard.check(cursor.nextPage, [...page.items.map((o) => o.id), ...unreadableIds(page)]);
        if (loop) return await this.runaway(cursor, loop);
        const { readable, unreadable } = withReference(page, cursor.nextPage);
        const passedSince =
          cursor.since !== null &&
          page.items.some((order) => order.createdAt !== null && order.createdAt < cursor.since!);
        const done = passedSince || listingEnded(page, cursor.nextPage);
        const next: SyncCursor = {
          ...cursor,
          nextPage: cursor.nextPage + 1,
          // A supplier's page count is shown only while it is not contradicted by what was read.
          totalPages: page.totalPages !== null && page.totalPages >= cursor.nextPage ? page.totalPages : null,
          ordersSynced: cursor.ordersSynced + readable.length,
          ...(done
            ? { status: 'done' as const, lastSyncedAt: cursor.runStartedAt, lastError: null, offline: false }
            : {}),
        };
        if (unreadable.length > 0) {
          this.options.logger.warn('history orders quarantined', {
            supplier: this.supplier,
            page: cursor.nextPage,
            unreadable,
          });
        }
        cursor = await store.orders.applyPage(
          this.supplier,
          readable,
          next,
          new Date(this.now()).toISOString(),
          unreadable,
        );
        this.options.emit(progressOf(cursor));
        if (done) {
          this.options.logger.info('history sync done', {
            supplier: this.supplier,
            orders: cursor.ordersSynced,
          });
          return progressOf(cursor);
        }
      }
    } catch (error) {
      // A machine fault (disk full, read-only, a damaged cache) stops the run, named; the cursor keeps its page.
      if (error instanceof AppError && !isSupplierError(error)) {
        this.options.logger.warn('history sync stopped by the cache', {
          supplier: this.supplier,
          code: error.code,
        });
        return this.finish({ ...cursor, status: 'failed', lastError: error.message, offline: false });
      }
      if (!isSupplierError(error)) throw error;
      const { info } = error;
      const offline = info.httpStatus === null && info.kind !== 'NOT_CONFIGURED';
      this.options.logger.warn('history sync failed', {
        supplier: this.supplier,
        kind: info.kind,
        page: cursor.nextPage,
      });
      // The cursor keeps its page: the next run resumes exactly there.
      return this.finish({ ...cursor, status: 'failed', lastError: error.message, offline });
    }
  }

  /**
   * A listing that does not end: what was read stays cached, the run stops with the reason, and the next run
   * starts over rather than resuming inside the loop.
   */
  private async runaway(cursor: SyncCursor, reason: string): Promise<SyncProgress> {
    this.options.logger.warn('history listing ran away', {
      supplier: this.supplier,
      page: cursor.nextPage,
      reason,
    });
    return this.finish({
      ...cursor,
      status: 'failed',
      nextPage: 1,
      lastError: `${reason}. The sync stopped there; the ${cursor.ordersSynced.toLocaleString('en-US')} orders read are cached. Check the supplier with Settings › Check supplier conformance, and tell the supplier.`,
      offline: false,
    });
  }

  private async begin(previous: SyncCursor): Promise<SyncCursor> {
    // The watermark is the supplier's newest order time; a supplier clock (or ours, then) set ahead must not
    // move it into the future, or a later run would skip every order made before the clocks agree again.
    const ceilings = [this.now(), ...(previous.lastSyncedAt ? [Date.parse(previous.lastSyncedAt)] : [])];
    const watermark = previous.watermark ? Math.min(Date.parse(previous.watermark), ...ceilings) : null;
    const since =
      watermark === null || Number.isNaN(watermark)
        ? null
        : new Date(watermark - this.overlapMs).toISOString();
    const cursor: SyncCursor = {
      ...previous,
      status: 'running',
      nextPage: 1,
      totalPages: null,
      ordersSynced: 0,
      since,
      runStartedAt: new Date(this.now()).toISOString(),
      lastError: null,
      offline: false,
    };
    await this.options.store.orders.saveCursor(cursor);
    return cursor;
  }

  private async finish(cursor: SyncCursor): Promise<SyncProgress> {
    try {
      await this.options.store.orders.saveCursor(cursor);
    } catch (error) {
      // The disk that stopped the run may refuse this too: the stored cursor still points at the page to resume.
      if (!(error instanceof AppError)) throw error;
    }
    const progress = progressOf(cursor);
    this.options.emit(progress);
    return progress;
  }

  private async fetch(source: HistorySource, cursor: SyncCursor): Promise<Page<SupplierOrder>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await source.fetchPage(cursor.nextPage, source.pageSize, cursor.since);
      } catch (error) {
        if (!isSupplierError(error) || !TRANSIENT.has(error.info.kind) || attempt >= this.retries)
          throw error;
        // Half to one and a half times the step: pages of several desks retrying together spread out.
        const wait =
          error.info.retryAfterMs ?? backoff(this.backoffMs, attempt, undefined, Math.random, PAGE_JITTER);
        this.options.logger.warn('history page retry', {
          supplier: this.supplier,
          page: cursor.nextPage,
          kind: error.info.kind,
          waitMs: Math.round(wait),
        });
        await this.sleep(wait);
      }
    }
  }
}

/** Ids of the unreadable records that had one: a loop shows in them too. */
const unreadableIds = (page: Page<SupplierOrder>) =>
  page.unreadable.map((u) => u.id).filter((id): id is string => id !== null);

/**
 * The orders the cache can hold, and the quarantine: records that could not be read, and orders without our
 * reference (the cache finds orders by it), each named by its id, or its place on the page when it had none.
 */
function withReference(
  page: Page<SupplierOrder>,
  pageNumber: number,
): { readable: SupplierOrder[]; unreadable: QuarantineEntry[] } {
  const readable = page.items.filter((order) => order.reference !== null);
  const noReference: UnreadableRecord[] = page.items
    .map((order, i) => ({ order, position: i + 1 }))
    .filter(({ order }) => order.reference === null)
    .map(({ order, position }) => ({
      id: order.id,
      path: 'reference',
      problem: 'the order came without a reference, so the desk cannot find it by one',
      position,
    }));
  const unreadable = [...page.unreadable, ...noReference].map((record) => ({ ...record, page: pageNumber }));
  return { readable, unreadable };
}

/** A cursor as the screens see it: where a supplier's sync stands. */
export const progressOf = (cursor: SyncCursor): SyncProgress => ({
  supplier: cursor.supplier,
  state: cursor.status,
  page: Math.max(0, cursor.nextPage - 1),
  totalPages: cursor.totalPages,
  ordersSynced: cursor.ordersSynced,
  lastSyncedAt: cursor.lastSyncedAt,
  error: cursor.lastError,
  offline: cursor.offline,
});
