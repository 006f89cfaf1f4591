import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { FailureFilter, FailuresReply } from '../../shared/failures';
import { desk } from '../desk';

interface FailuresState {
  filter: FailureFilter;
  reply: FailuresReply | null;
  /** Every code seen without a code filter, so the code filter keeps all its choices. */
  codes: string[];
  exported: { file: string; rows: number } | null;
  error: DeskError | null;
  load(filter?: FailureFilter): Promise<void>;
  handle(key: string, note: string): Promise<DeskError | null>;
  /** An agent's correction of the points an order owes (typed reason, audited). */
  correctPoints(key: string, points: number, reason: string): Promise<DeskError | null>;
  exportCsv(): Promise<void>;
}

export const useFailuresStore = create<FailuresState>((set, get) => ({
  filter: {},
  reply: null,
  codes: [],
  exported: null,
  error: null,
  load: async (filter = get().filter) => {
    set({ filter });
    const reply = await desk().failures.list(filter);
    if (!reply.ok) return set({ error: reply.error });
    if (get().filter !== filter) return;
    const codes = filter.code ? get().codes : [...new Set(reply.value.groups.map((g) => g.code))].sort();
    set({ reply: reply.value, codes, error: null });
  },
  handle: async (key, note) => {
    const reply = await desk().failures.handle({ key, note });
    if (!reply.ok) return reply.error;
    await get().load();
    return null;
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
}));
