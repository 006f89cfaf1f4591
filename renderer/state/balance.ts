import { create } from 'zustand';
import type { BalanceAlert, BalanceStatus } from '../../shared/balance';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';

interface BalanceState {
  status: BalanceStatus | null;
  /** Alerts the agent hid from the banner in this window; the Balance screen still lists them while in force. */
  hidden: number[];
  checking: boolean;
  error: DeskError | null;
  load(): Promise<void>;
  check(): Promise<void>;
  onStatus(status: BalanceStatus): void;
  onAlert(alert: BalanceAlert): void;
  dismiss(alert: BalanceAlert): void;
}

/** The alerts the banner shows: those still in force (main clears them as the balance recovers), less hidden ones. */
export const bannerAlerts = (state: Pick<BalanceState, 'status' | 'hidden'>): BalanceAlert[] =>
  (state.status?.active ?? []).filter((alert) => !state.hidden.includes(alert.id));

export const useBalanceStore = create<BalanceState>((set, get) => ({
  status: null,
  hidden: [],
  checking: false,
  error: null,
  load: async () => {
    const reply = await desk().balance.status();
    set(reply.ok ? { status: reply.value, error: null } : { error: reply.error });
  },
  check: async () => {
    set({ checking: true });
    const reply = await desk().balance.check();
    set(
      reply.ok
        ? { status: reply.value, error: null, checking: false }
        : { error: reply.error, checking: false },
    );
  },
  onStatus: (status) => set({ status }),
  // Shown at once; the status that follows the reading carries it too.
  onAlert: (alert) => {
    const status = get().status;
    if (!status) return void get().load();
    set({
      status: {
        ...status,
        active: [alert, ...status.active.filter((a) => a.id !== alert.id)],
        recent: [alert, ...status.recent.filter((a) => a.id !== alert.id)],
      },
    });
  },
  dismiss: (alert) => set({ hidden: [...get().hidden, alert.id] }),
}));
