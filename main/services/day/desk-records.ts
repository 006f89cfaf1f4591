import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditFilter, AuditPage } from '../../../shared/audit';
import type { Supplier } from '../../../shared/domain';
import type { NoteAdd, OrderNote } from '../../../shared/notes';
import {
  DEFAULT_FAILURES_VIEW,
  DEFAULT_HISTORY_VIEW,
  failuresViewSchema,
  historyViewSchema,
  type SavedViews,
  type ViewSave,
} from '../../../shared/views';
import type { Logger } from '../../log/logger';
import { isoNow, systemClock, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { DataPaths } from '../../environment/data-paths';

export interface DeskRecordsDeps {
  profiles: ProfileService;
  stores: CacheStores;
  paths: DataPaths;
  logger: Logger;
  clock?: Clock;
}

/**
 * What agents write and read about their own work, per profile: notes on orders (append-only, audited), the
 * audit log with filters and export, and the saved views of History and Failures.
 */
export class DeskRecords {
  private readonly clock: Clock;

  constructor(private readonly deps: DeskRecordsDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async addNote(note: NoteAdd): Promise<OrderNote> {
    const profile = this.deps.profiles.active();
    return this.deps.stores.for(profile.id).notes.add({
      supplier: note.supplier,
      reference: note.reference,
      memberId: note.memberId ?? (await this.memberOf(profile.id, note.reference)),
      text: note.text,
      agent: profile.agentName,
      at: isoNow(this.clock),
    });
  }

  notes(supplier: Supplier, reference: string): Promise<OrderNote[]> {
    return this.deps.stores.for(this.deps.profiles.active().id).notes.of(supplier, reference);
  }

  async audit(filter: AuditFilter, offset: number, limit: number): Promise<AuditPage> {
    const page = await this.deps.stores
      .for(this.deps.profiles.active().id)
      .audit.query(filter, offset, limit);
    return { ...page, offset };
  }

  /** The audit log as filtered, to a CSV file in the exports folder; the export is itself audited. */
  async exportAudit(filter: AuditFilter): Promise<{ file: string; rows: number }> {
    const profile = this.deps.profiles.active();
    const folder = this.deps.paths.exports;
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `audit-${profile.id}-${isoNow(this.clock).replace(/[:.]/g, '-')}.csv`);
    const store = this.deps.stores.for(profile.id);
    const done = await store.audit.exportCsv(file, filter);
    await store.audit.append(profile.agentName, 'audit log exported', file, {
      filter,
      rows: done.rowsWritten,
    });
    return { file, rows: done.rowsWritten };
  }

  /** The profile's saved views; one saved by an older or newer desk that no longer fits is replaced by the default. */
  async views(): Promise<SavedViews> {
    const store = this.deps.stores.for(this.deps.profiles.active().id);
    const [history, failures] = await Promise.all([
      store.state.get('view:history'),
      store.state.get('view:failures'),
    ]);
    const h = historyViewSchema.safeParse(history);
    const f = failuresViewSchema.safeParse(failures);
    if (history !== null && !h.success)
      this.deps.logger.warn('saved history view ignored', { issues: h.error.issues.length });
    if (failures !== null && !f.success)
      this.deps.logger.warn('saved failures view ignored', { issues: f.error.issues.length });
    return {
      history: h.success ? h.data : DEFAULT_HISTORY_VIEW,
      failures: f.success ? f.data : DEFAULT_FAILURES_VIEW,
    };
  }

  async saveView(save: ViewSave): Promise<SavedViews> {
    const store = this.deps.stores.for(this.deps.profiles.active().id);
    await store.state.set(`view:${save.screen}`, save.view, isoNow(this.clock));
    return this.views();
  }

  private async memberOf(profileId: string, reference: string): Promise<string | null> {
    const owner = await this.deps.stores.for(profileId).members.of(reference);
    return owner?.memberId ?? null;
  }
}
