import { create } from 'zustand';
import type { ConnectionTestResult } from '../../shared/connection';
import type { Profile, Supplier } from '../../shared/domain';
import type { Envelope } from '../../shared/envelope';
import type { DeskError } from '../../shared/errors';
import type { ProfileDraft, ProfileEditDraft } from '../../shared/profile-schema';
import type { SecretField, SecretStatus } from '../../shared/secrets';
import { desk } from '../desk';

export type TestState = { running: true } | { running: false; result: ConnectionTestResult };

interface SettingsState {
  profiles: Profile[];
  selectedId: string;
  secrets: Record<string, SecretStatus>;
  tests: Record<string, TestState>;
  error: DeskError | null;
  load(): Promise<void>;
  select(id: string): void;
  create(draft: ProfileDraft): Promise<Envelope<Profile>>;
  update(id: string, changes: ProfileEditDraft): Promise<Envelope<Profile>>;
  remove(id: string): Promise<Envelope<{ secretsCleared: number; archive: string }>>;
  activate(id: string): Promise<Envelope<Profile>>;
  setSecret(profileId: string, field: SecretField, value: string): Promise<Envelope<SecretStatus>>;
  clearSecret(profileId: string, field: SecretField): Promise<Envelope<SecretStatus>>;
  test(profileId: string, supplier: Supplier): Promise<void>;
}

export const testKey = (profileId: string, supplier: Supplier) => `${profileId}:${supplier}`;

/** The Settings screen's state: profiles, which credentials are set (never their values), test results. */
export const useSettingsStore = create<SettingsState>((set, get) => {
  const loadSecrets = async (profileId: string) => {
    const status = await desk().secrets.status({ profileId });
    if (status.ok) set({ secrets: { ...get().secrets, [profileId]: status.value } });
    else set({ error: status.error });
  };
  const afterSecret = (reply: Envelope<SecretStatus>) => {
    if (reply.ok) set({ secrets: { ...get().secrets, [reply.value.profileId]: reply.value } });
    return reply;
  };
  return {
    profiles: [],
    selectedId: 'sandbox',
    secrets: {},
    tests: {},
    error: null,
    load: async () => {
      const profiles = await desk().profiles.list();
      if (!profiles.ok) return set({ error: profiles.error });
      const selectedId = profiles.value.some((p) => p.id === get().selectedId) ? get().selectedId : 'sandbox';
      set({ profiles: profiles.value, selectedId, error: null });
      await loadSecrets(selectedId);
    },
    select: (id) => {
      set({ selectedId: id });
      void loadSecrets(id);
    },
    create: async (draft) => {
      const reply = await desk().profiles.create(draft);
      if (reply.ok) {
        set({ selectedId: reply.value.id });
        await get().load();
      }
      return reply;
    },
    update: async (id, changes) => {
      const reply = await desk().profiles.update({ id, changes });
      if (reply.ok) await get().load();
      return reply;
    },
    remove: async (id) => {
      const reply = await desk().profiles.delete({ id });
      if (reply.ok) {
        set({ selectedId: 'sandbox' });
        await get().load();
      }
      return reply;
    },
    activate: (id) => desk().profiles.activate({ id }),
    setSecret: async (profileId, field, value) =>
      afterSecret(await desk().secrets.set({ profileId, field, value })),
    clearSecret: async (profileId, field) => afterSecret(await desk().secrets.clear({ profileId, field })),
    test: async (profileId, supplier) => {
      const key = testKey(profileId, supplier);
      set({ tests: { ...get().tests, [key]: { running: true } } });
      const reply = await desk().connection.test({ profileId, supplier });
      const { [key]: _running, ...rest } = get().tests;
      if (reply.ok) set({ tests: { ...rest, [key]: { running: false, result: reply.value } } });
      else set({ tests: rest, error: reply.error });
    },
  };
});
