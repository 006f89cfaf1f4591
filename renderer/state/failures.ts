import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { FailureFilter, FailuresReply } from '../../shared/failures';
import { DEFAULT_FAILURES_VIEW, type FailureColumn } from '../../shared/views';
import { desk } from '../desk';

interface FailuresState {
  filter: FailureFilter;
  columns: FailureColumn[];
  /** Whether the profile's saved view was read (it is read once per profile, then kept here). */
  viewLoaded: boolean;
  reply: FailuresReply | null;
  /** Every code seen without a code filter, so the code filter keeps all its choices. */
  codes: string[];
  exported: { file: string; rows: number } | null;
  error: DeskError | null;
  /** Reads the profile's saved view (filters, sort, columns), then the failures it selects. */
  open(): Promise<void>;
  load(filter?: FailureFilter): Promise<void>;
  setColumns(columns: FailureColumn[]): void;
  /** An agent's correction of the points an order owes (typed reason, audited). */
  correctPoints(key: string, points: number, reason: string): Promise<DeskError | null>;
  exportCsv(): Promise<void>;
}

export const useFailuresStore = create<FailuresState>((set, get) => {
  const save = () => {
    const { filter, columns } = get();
    void desk()
      .views.save({ screen: 'failures', view: { filter, columns } })
      .then((reply) => !reply.ok && set({ error: reply.error }));
  };
  return {
    filter: DEFAULT_FAILURES_VIEW.filter,
    columns: DEFAULT_FAILURES_VIEW.columns,
    viewLoaded: false,
    reply: null,
    codes: [],
    exported: null,
    error: null,
    open: async () => {
      if (!get().viewLoaded) {
        const views = await desk().views.get();
        if (views.ok) set({ filter: views.value.failures.filter, columns: views.value.failures.columns });
        set({ viewLoaded: true });
      }
      await get().load();
    },
    load: async (filter = get().filter) => {
      const changed = filter !== get().filter;
      set({ filter });
      if (changed) save();
      const reply = await desk().failures.list(filter);
      if (!reply.ok) return set({ error: reply.error });
      if (get().filter !== filter) return;
      const codes = filter.code ? get().codes : [...new Set(reply.value.groups.map((g) => g.code))].sort();
      set({ reply: reply.value, codes, error: null });
    },
    setColumns: (columns) => {
      set({ columns });
      save();
    },
    correctPoints: async (key, points, reason) => {
      const reply = await desk().failures.correctPoints({ key, points, reason });
      if (!reply.ok) return reply.error;
      await get().load();
      return null;
    },
    exportCsv: async () => {
      const reply = await desk().failures.export(get().filter);
      set(reply.ok ? { exported: reply.value, error: null } : { error: reply.error });
    },
  };
});
