import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { ProgramSnapshot } from '../../shared/transfers';
import { desk } from '../desk';

interface ProgramsState {
  snapshot: ProgramSnapshot | null;
  error: DeskError | null;
  load(): Promise<void>;
  refresh(): Promise<void>;
}

/** Ascenda's loyalty programmes as cached for the active profile, with their freshness. */
export const useProgramsStore = create<ProgramsState>((set) => ({
  snapshot: null,
  error: null,
  load: async () => {
    const reply = await desk().programs.snapshot();
    set(reply.ok ? { snapshot: reply.value, error: null } : { error: reply.error });
  },
  refresh: async () => {
    set((state) => ({
      snapshot: state.snapshot && {
        ...state.snapshot,
        freshness: { ...state.snapshot.freshness, refreshing: true },
      },
    }));
    const reply = await desk().programs.refresh();
    set(reply.ok ? { snapshot: reply.value, error: null } : { error: reply.error });
  },
}));
