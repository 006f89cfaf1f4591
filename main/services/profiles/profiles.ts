import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Profile } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { profileDraftSchema, type ProfileDraft, type ProfileEditDraft } from '../../../shared/profile-schema';
import { systemClock, type Clock } from '../../time/clock';
import { ProfileFile, type ProfileFileData, type StoredProfile } from './profile-file';
import type { DataPaths } from '../../environment/data-paths';

export const SANDBOX_ID = 'sandbox';
const SANDBOX_NAME = 'Sandbox';

/** The profile a new install opens on: the local simulators, so the desk is useful before any credentials. */
function sandboxProfile(settings: ProfileFileData['sandbox']): Profile {
  return {
    id: SANDBOX_ID,
    name: SANDBOX_NAME,
    environment: 'sandbox',
    builtIn: true,
    ascendaRegion: 'custom',
    ascendaBaseUrl: '',
    gcpBaseUrl: '',
    ...settings,
  };
}

function defaults(): ProfileFileData {
  let agentName = 'Agent';
  try {
    agentName = userInfo().username || agentName;
  } catch {
    // Some sandboxes have no user entry; the agent sets a name in Settings.
  }
  return {
    version: 2,
    activeProfileId: SANDBOX_ID,
    sandbox: {
      // The simulators list US and Japanese cards among others: the two rates show both a priced and an
      // unpriced currency (SGD, AUD, GBP, CAD say "points unknown" until a rate is set).
      pointRates: { USD: 0.01, JPY: 1 },
      agentName,
      maxOrderValues: { USD: 500, JPY: 50_000 },
      lowBalanceThresholds: [1000, 250],
      fundingPortalUrl: '',
      duplicateWindowDays: 7,
      unknownStatusAlertHours: 4,
      legacyRate: null,
      depositCurrency: '',
    },
    profiles: [],
  };
}

/** What an agent may change on the built-in Sandbox: their own settings, never its endpoints. */
const SANDBOX_EDITABLE = [
  'pointRates',
  'agentName',
  'maxOrderValues',
  'lowBalanceThresholds',
  'fundingPortalUrl',
  'duplicateWindowDays',
  'unknownStatusAlertHours',
  'depositCurrency',
] as const;

const toProfile = (stored: StoredProfile): Profile => ({ ...stored, builtIn: false });

export type ProfileEdit = ProfileEditDraft;

/** Profiles: the built-in Sandbox plus the agent's own, and which one is active. No secrets here. */
export class ProfileService {
  private data: ProfileFileData;
  private readonly file: ProfileFile;
  readonly loadWarning: string | null;
  private readonly listeners = new Set<(activeProfileId: string) => void>();

  constructor(paths: DataPaths, clock: Clock = systemClock) {
    this.file = new ProfileFile(paths.profiles, () => clock.now());
    const loaded = this.file.load(defaults);
    this.data = loaded.data;
    this.loadWarning = loaded.warning;
    if (!this.data.profiles.some((p) => p.id === this.data.activeProfileId))
      this.data.activeProfileId = SANDBOX_ID;
  }

  list(): Profile[] {
    return [sandboxProfile(this.data.sandbox), ...this.data.profiles.map(toProfile)];
  }

  get(id: string): Profile {
    const profile = this.list().find((p) => p.id === id);
    if (!profile) throw new AppError('NOT_FOUND', `No profile with id ${id}.`);
    return profile;
  }

  active(): Profile {
    return this.get(this.data.activeProfileId);
  }

  /** Called with the active profile id after any change that can affect what the shell shows. */
  onChange(listener: (activeProfileId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(draft: ProfileDraft): Profile {
    const parsed = profileDraftSchema.parse(draft);
    const stored: StoredProfile = { id: newId(parsed.name), ...parsed, legacyRate: null };
    this.commit((data) => {
      assertUniqueName(data, parsed.name);
      return { ...data, profiles: [...data.profiles, stored] };
    });
    return toProfile(stored);
  }

  update(id: string, edit: ProfileEdit): Profile {
    if (id === SANDBOX_ID) {
      const extra = Object.keys(edit).filter((key) => !(SANDBOX_EDITABLE as readonly string[]).includes(key));
      if (extra.length > 0) {
        throw new AppError(
          'VALIDATION',
          `The Sandbox profile is built in; only the agent's own settings can change (not ${extra.join(', ')}).`,
        );
      }
      // Exactly the keys sent: a default must never overwrite a setting the agent did not touch.
      const sent = Object.fromEntries(Object.keys(edit).map((key) => [key, true])) as Record<
        (typeof SANDBOX_EDITABLE)[number],
        true
      >;
      const changes = profileDraftSchema.pick(sent).parse(edit);
      const saved = this.commit((data) => ({ ...data, sandbox: { ...data.sandbox, ...changes } }));
      return sandboxProfile(saved.sandbox);
    }
    let updated: StoredProfile | undefined;
    this.commit((data) => {
      const current = stored(data, id);
      const { id: _id, legacyRate, ...fields } = current;
      const parsed = profileDraftSchema.parse({ ...fields, ...edit });
      if (parsed.name.toLowerCase() !== current.name.toLowerCase()) assertUniqueName(data, parsed.name);
      const next: StoredProfile = { id, ...parsed, legacyRate };
      updated = next;
      return { ...data, profiles: data.profiles.map((p) => (p.id === id ? next : p)) };
    });
    return toProfile(updated!);
  }

  /**
   * The agent says which currency an older desk's single cost per point was for: it becomes that currency's
   * rate (and its per-order maximum), and the legacy value is gone. Refused when there is none to assign.
   */
  assignLegacyRate(id: string, currency: string): Profile {
    const code = currency.toUpperCase();
    const assign = <T extends LegacyRated>(settings: T, name: string): T => {
      const legacy = settings.legacyRate;
      if (!legacy) throw new AppError('CONFLICT', `${name} has no earlier cost per point to assign.`);
      return {
        ...settings,
        pointRates: { ...settings.pointRates, [code]: legacy.costPerPoint },
        maxOrderValues: { ...settings.maxOrderValues, [code]: legacy.maxOrderValue },
        legacyRate: null,
      };
    };
    const saved = this.commit((data) =>
      id === SANDBOX_ID
        ? { ...data, sandbox: assign(data.sandbox, SANDBOX_NAME) }
        : { ...data, profiles: data.profiles.map((p) => (p.id === id ? assign(p, p.name) : p)) },
    );
    return id === SANDBOX_ID ? sandboxProfile(saved.sandbox) : toProfile(stored(saved, id));
  }

  /** Removes a profile; the caller clears its keychain entries first. The Sandbox cannot be removed. */
  remove(id: string): void {
    if (id === SANDBOX_ID)
      throw new AppError('VALIDATION', 'The Sandbox profile is built in and cannot be deleted.');
    this.commit((data) => {
      stored(data, id);
      const activeProfileId = data.activeProfileId === id ? SANDBOX_ID : data.activeProfileId;
      return { ...data, activeProfileId, profiles: data.profiles.filter((p) => p.id !== id) };
    });
  }

  activate(id: string): Profile {
    this.commit((data) => {
      if (id !== SANDBOX_ID) stored(data, id);
      return { ...data, activeProfileId: id };
    });
    return this.get(id);
  }

  /**
   * Applies a change to what is on disk now (re-read, so a change saved since this desk loaded the file is
   * kept, not overwritten), saves, then adopts: a failed write leaves both the file and the service as they were.
   */
  private commit(change: (data: ProfileFileData) => ProfileFileData): ProfileFileData {
    const next = change(this.file.reread() ?? this.data);
    this.file.save(next);
    this.data = next;
    for (const listener of this.listeners) listener(next.activeProfileId);
    return next;
  }
}

/** The settings an older desk's single cost per point is assigned into. */
interface LegacyRated {
  pointRates: Record<string, number>;
  maxOrderValues: Record<string, number>;
  legacyRate: { costPerPoint: number; maxOrderValue: number } | null;
}

function stored(data: ProfileFileData, id: string): StoredProfile {
  const profile = data.profiles.find((p) => p.id === id);
  if (!profile)
    throw new AppError(id === SANDBOX_ID ? 'VALIDATION' : 'NOT_FOUND', `No editable profile with id ${id}.`);
  return profile;
}

function assertUniqueName(data: ProfileFileData, name: string): void {
  const taken = [SANDBOX_NAME, ...data.profiles.map((p) => p.name)].some(
    (existing) => existing.toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw new AppError('CONFLICT', `A profile named “${name}” already exists.`);
}

function newId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'profile'}-${randomBytes(3).toString('hex')}`;
}
