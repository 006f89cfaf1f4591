import { create } from 'zustand';
import type { AppInfo, SandboxEndpoints } from '../../shared/domain';
import type { DeskError } from '../../shared/errors';
import type { Navigation } from '../../shared/screens';
import { desk } from '../desk';
import type { ScreenId } from '../screens/screen-list';
import { useLookupStore } from './lookup';
import { useMemberStore } from './member';

interface ShellState {
  screen: ScreenId;
  info: AppInfo | null;
  /** Where the Sandbox profile's simulators listen; null on other profiles or until they are up. */
  sandbox: SandboxEndpoints | null;
  error: DeskError | null;
  /** Why a link into the desk was refused (shown until another navigation). */
  linkProblem: string | null;
  setScreen(screen: ScreenId): void;
  /** Opens a screen for something outside the page (a link, a notification, the menu); a look-up only reads. */
  navigate(navigation: Navigation): void;
  refuseLink(reason: string): void;
  load(): Promise<void>;
}

export const useShellStore = create<ShellState>((set) => ({
  screen: 'catalogue',
  info: null,
  sandbox: null,
  error: null,
  linkProblem: null,
  setScreen: (screen) => {
    set({ screen });
    // Remembered per window layout (desktop) or browser (bridge); losing it costs nothing but a click.
    void window.desk?.app.rememberScreen({ screen });
  },
  navigate: (navigation) => {
    set({ linkProblem: null });
    useShellStore.getState().setScreen(navigation.screen);
    if (navigation.lookup) void useLookupStore.getState().search(navigation.lookup);
    if (navigation.member) void useMemberStore.getState().open(navigation.member);
  },
  refuseLink: (linkProblem) => set({ linkProblem }),
  load: async () => {
    try {
      const api = desk();
      const info = await api.app.info();
      if (!info.ok) return set({ error: info.error });
      const onSandbox = info.value.activeProfile.environment === 'sandbox';
      set({ info: info.value, error: null, ...(onSandbox ? {} : { sandbox: null }) });
      if (onSandbox) {
        const sandbox = await api.sandbox.endpoints();
        set(sandbox.ok ? { sandbox: sandbox.value } : { error: sandbox.error });
      }
    } catch (error) {
      set({
        error: { code: 'UNAVAILABLE', message: error instanceof Error ? error.message : String(error) },
      });
    }
  },
}));
