import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { profileDraftSchema, profileIdSchema } from '../../../shared/profile-schema';
import { namedFault } from '../../environment/file-faults';

const legacyRateSchema = z
  .object({ costPerPoint: z.number().positive(), maxOrderValue: z.number().positive() })
  .nullable()
  .default(null);

/**
 * Version 1 files kept one cost per point (`cpp`) and one per-order maximum for every currency. They load
 * as a legacy rate the agent assigns to a currency in Settings; until then nothing is priced with it.
 */
function fromVersion1(settings: unknown): unknown {
  if (typeof settings !== 'object' || settings === null || !('cpp' in settings)) return settings;
  const { cpp, maxOrderValue, ...rest } = settings as Record<string, unknown>;
  return {
    ...rest,
    legacyRate:
      typeof cpp === 'number' && cpp > 0
        ? { costPerPoint: cpp, maxOrderValue: typeof maxOrderValue === 'number' ? maxOrderValue : 500 }
        : null,
  };
}

const storedProfile = z.preprocess(
  fromVersion1,
  profileDraftSchema.extend({ id: profileIdSchema, legacyRate: legacyRateSchema }),
);

const sandboxSettings = z.preprocess(
  fromVersion1,
  profileDraftSchema
    .pick({
      pointRates: true,
      agentName: true,
      maxOrderValues: true,
      lowBalanceThresholds: true,
      fundingPortalUrl: true,
      duplicateWindowDays: true,
      unknownStatusAlertHours: true,
      depositCurrency: true,
    })
    .extend({ legacyRate: legacyRateSchema }),
);

const fileSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]).transform(() => 2 as const),
  activeProfileId: profileIdSchema,
  sandbox: sandboxSettings,
  profiles: z.array(storedProfile),
});

export type ProfileFileData = z.output<typeof fileSchema>;
export type StoredProfile = z.output<typeof storedProfile>;

export interface LoadedProfiles {
  data: ProfileFileData;
  /** Set when the file existed but could not be read: it was kept aside, never overwritten. */
  warning: string | null;
}

/**
 * Profiles live in `profiles.json` in the data folder: a settings file, because they are few, edited rarely and
 * hold no secrets (the keychain does). Written atomically (temp file + rename) so a crash cannot leave half a
 * file; a file that fails validation is moved aside rather than overwritten, so nothing is lost.
 */
export class ProfileFile {
  constructor(
    readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  load(defaults: () => ProfileFileData): LoadedProfiles {
    if (!existsSync(this.file)) return { data: defaults(), warning: null };
    let problem: string;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return { data: parsed.data, warning: null };
      problem = z.prettifyError(parsed.error);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const reason = problem.split('\n')[0];
    const aside = `${this.file}.unreadable-${this.now()}`;
    try {
      renameSync(this.file, aside);
    } catch {
      // A read-only folder: the file stays where it is, untouched, and nothing can be saved over it either.
      return {
        data: defaults(),
        warning: `The saved profiles in ${this.file} could not be read (${reason}). The file was left as it is; the desk started with the Sandbox profile only.`,
      };
    }
    return {
      data: defaults(),
      warning: `The saved profiles could not be read (${reason}). They were kept in ${aside}; the desk started with the Sandbox profile only.`,
    };
  }

  /** The file as it is on disk now, or null when it is missing or unreadable (the caller keeps what it has). */
  reread(): ProfileFileData | null {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  save(data: ProfileFileData): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(temp, `${JSON.stringify(fileSchema.parse(data), null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing was written (read-only folder): there is no temp file to remove.
      }
      throw namedFault(error, { file: this.file, action: 'save the profiles' }) ?? error;
    }
  }
}
