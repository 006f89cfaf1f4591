import { create } from 'zustand';
import type { BalanceAlert, BalanceStatus } from '../../shared/balance';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';

interface BalanceState {
  status: BalanceStatus | null;
  /** Alerts raised while the desk is open, newest first, until the agent dismisses them. */
  unread: BalanceAlert[];
  checking: boolean;
  error: DeskError | null;
  load(): Promise<void>;
  check(): Promise<void>;
  onStatus(status: BalanceStatus): void;
  onAlert(alert: BalanceAlert): void;
  dismiss(alert: BalanceAlert): void;
}

export const useBalanceStore = create<BalanceState>((set, get) => ({
  status: null,
  unread: [],
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
  onAlert: (alert) => set({ unread: [alert, ...get().unread].slice(0, 5) }),
  dismiss: (alert) => set({ unread: get().unread.filter((a) => a !== alert) }),
}));
