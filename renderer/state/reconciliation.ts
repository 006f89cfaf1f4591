import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { ReconciliationReport } from '../../shared/reconciliation';
import { desk } from '../desk';

interface ReconciliationState {
  report: ReconciliationReport | null;
  running: boolean;
  error: DeskError | null;
  load(): Promise<void>;
  run(period: { from?: string; to?: string }): Promise<void>;
}

export const useReconciliationStore = create<ReconciliationState>((set) => ({
  report: null,
  running: false,
  error: null,
  load: async () => {
    const reply = await desk().reconciliation.latest();
    set(reply.ok ? { report: reply.value, error: null } : { error: reply.error });
  },
  run: async (period) => {
    set({ running: true });
    const reply = await desk().reconciliation.run(period);
    set(
      reply.ok
        ? { report: reply.value, running: false, error: null }
        : { error: reply.error, running: false },
    );
  },
}));
