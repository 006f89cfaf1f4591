import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { SyncSchedule } from '../../shared/schedule';
import { desk } from '../desk';

interface ScheduleState {
  status: SyncSchedule | null;
  error: DeskError | null;
  load(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  onStatus(status: SyncSchedule): void;
}

/** The background history sync's status, shown in the sidebar with its pause button. */
export const useScheduleStore = create<ScheduleState>((set) => ({
  status: null,
  error: null,
  load: async () => {
    const reply = await desk().schedule.status();
    set(reply.ok ? { status: reply.value, error: null } : { error: reply.error });
  },
  pause: async () => {
    const reply = await desk().schedule.pause();
    set(reply.ok ? { status: reply.value, error: null } : { error: reply.error });
  },
  resume: async () => {
    const reply = await desk().schedule.resume();
    set(reply.ok ? { status: reply.value, error: null } : { error: reply.error });
  },
  onStatus: (status) => set({ status }),
}));
