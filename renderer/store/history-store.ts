import { create } from 'zustand';
import type { Supplier } from '../../shared/domain';
import type { DeskError } from '../../shared/errors';
import type {
  ExportProgress,
  HistoryFilter,
  HistoryQuery,
  QuarantineReply,
  SyncProgress,
} from '../../shared/history';
import { desk } from '../desk';

interface HistoryState {
  sync: Partial<Record<Supplier, SyncProgress>>;
  exporting: ExportProgress | null;
  /** Orders the sync could not read or cache: shown with the field at fault, never silently lost. */
  quarantine: QuarantineReply | null;
  exportFile: string | null;
  error: DeskError | null;
  /** Bumped whenever cached rows may have changed, so the table reloads its window. */
  dataVersion: number;
  loadStatus(): Promise<void>;
  loadQuarantine(): Promise<void>;
  startSync(): Promise<void>;
  cancelSync(): Promise<void>;
  startExport(filter: HistoryFilter, sort: HistoryQuery['sort']): Promise<void>;
  onSyncProgress(progress: SyncProgress): void;
  onExportProgress(progress: ExportProgress): void;
}

const bySupplier = (list: SyncProgress[]) =>
  Object.fromEntries(list.map((p) => [p.supplier, p])) as Partial<Record<Supplier, SyncProgress>>;

export const useHistoryStore = create<HistoryState>((set, get) => ({
  sync: {},
  exporting: null,
  quarantine: null,
  exportFile: null,
  error: null,
  dataVersion: 0,
  loadStatus: async () => {
    const reply = await desk().history.status();
    set(reply.ok ? { sync: bySupplier(reply.value), error: null } : { error: reply.error });
    await get().loadQuarantine();
  },
  loadQuarantine: async () => {
    const reply = await desk().history.quarantine();
    set(reply.ok ? { quarantine: reply.value } : { error: reply.error });
  },
  startSync: async () => {
    const reply = await desk().history.sync({});
    set(reply.ok ? { sync: bySupplier(reply.value), error: null } : { error: reply.error });
  },
  cancelSync: async () => {
    const reply = await desk().history.cancel({});
    if (!reply.ok) set({ error: reply.error });
  },
  startExport: async (filter, sort) => {
    const reply = await desk().history.export({ filter, sort });
    if (reply.ok) {
      set({
        exporting: {
          exportId: reply.value.exportId,
          rowsWritten: 0,
          totalRows: 0,
          done: false,
          file: null,
          error: null,
        },
        exportFile: reply.value.file,
      });
    } else set({ error: reply.error });
  },
  onSyncProgress: (progress) => {
    set({ sync: { ...get().sync, [progress.supplier]: progress }, dataVersion: get().dataVersion + 1 });
    // A run that ended may have quarantined orders, or released some.
    if (progress.state !== 'running') void get().loadQuarantine();
  },
  onExportProgress: (progress) => {
    if (get().exporting?.exportId === progress.exportId) set({ exporting: progress });
  },
}));
