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
import { DEFAULT_HISTORY_VIEW, type HistoryView } from '../../shared/views';
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
  /** Filters as typed, sort and columns: the profile's saved view, kept while the agent moves between screens. */
  view: HistoryView;
  viewLoaded: boolean;
  openView(): Promise<void>;
  setView(view: HistoryView): void;
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

/** Typing is saved once it pauses, not on every key. */
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export const useHistoryStore = create<HistoryState>((set, get) => ({
  sync: {},
  exporting: null,
  quarantine: null,
  exportFile: null,
  error: null,
  dataVersion: 0,
  view: DEFAULT_HISTORY_VIEW,
  viewLoaded: false,
  openView: async () => {
    if (get().viewLoaded) return;
    const reply = await desk().views.get();
    set(
      reply.ok ? { view: reply.value.history, viewLoaded: true } : { viewLoaded: true, error: reply.error },
    );
  },
  setView: (view) => {
    set({ view });
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      void desk()
        .views.save({ screen: 'history', view })
        .then((reply) => !reply.ok && set({ error: reply.error }));
    }, 400);
  },
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
