import { create } from 'zustand';
import type { AppInfo, Profile, SandboxEndpoints } from '../../shared/domain';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';
import type { ScreenId } from '../screens/screen-list';

interface ShellState {
  screen: ScreenId;
  info: AppInfo | null;
  profiles: Profile[];
  /** Where the Sandbox profile's simulators listen; null on other profiles or until they are up. */
  sandbox: SandboxEndpoints | null;
  error: DeskError | null;
  setScreen(screen: ScreenId): void;
  load(): Promise<void>;
}

export const useShellStore = create<ShellState>((set) => ({
  screen: 'catalogue',
  info: null,
  profiles: [],
  sandbox: null,
  error: null,
  setScreen: (screen) => set({ screen }),
  load: async () => {
    try {
      const api = desk();
      const [info, profiles] = await Promise.all([api.app.info(), api.profiles.list()]);
      if (!info.ok) return set({ error: info.error });
      if (!profiles.ok) return set({ error: profiles.error });
      set({ info: info.value, profiles: profiles.value, error: null });
      if (info.value.activeProfile.environment === 'sandbox') {
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
