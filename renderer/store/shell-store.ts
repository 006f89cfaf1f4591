import { create } from 'zustand';
import type { AppInfo, SandboxEndpoints } from '../../shared/domain';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';
import type { ScreenId } from '../screens/screen-list';

interface ShellState {
  screen: ScreenId;
  info: AppInfo | null;
  /** Where the Sandbox profile's simulators listen; null on other profiles or until they are up. */
  sandbox: SandboxEndpoints | null;
  error: DeskError | null;
  setScreen(screen: ScreenId): void;
  load(): Promise<void>;
}

export const useShellStore = create<ShellState>((set) => ({
  screen: 'catalogue',
  info: null,
  sandbox: null,
  error: null,
  setScreen: (screen) => set({ screen }),
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
