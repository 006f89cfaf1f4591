import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { zipSync, strToU8 } from 'fflate';
import type { DiagnosticsExport } from '../../../shared/diagnostics';
import { SECRET_FIELDS } from '../../../shared/secrets';
import type { Logger } from '../../log/logger';
import type { Redactor } from '../../log/redactor';
import type { SecretStore } from '../../secrets/secret-store';
import { migrationStatus } from '../../store/migrate';
import type { Clock } from '../../time/clock';
import type { ProfileService } from '../profiles/profiles';

export interface DiagnosticsDeps {
  dataDir: string;
  version: string;
  transport: 'electron' | 'bridge';
  profiles: ProfileService;
  secrets: SecretStore;
  redactor: Redactor;
  logger: Logger;
  clock: Clock;
}

/** Settings files copied as they are (after redaction): none holds a secret by design. */
const SETTINGS_FILES = ['window-state.json', 'app-settings.json'];
/** Files of the data folder's probe/ report copied at most this big each; a bigger one is named, not copied. */
const MAX_PROBE_FILE_BYTES = 5 * 1024 * 1024;

/**
 * One zip for an Ops ticket: the redacted logs, the desk's and the machine's versions, the settings without
 * secrets, each profile cache's migration state and the last supplier-conformance probe report. Every text is
 * passed through the redactor after every credential in the keychain was registered with it, so even a
 * credential an older desk version let into a log is masked here.
 */
export async function exportDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsExport> {
  const { dataDir, redactor } = deps;
  const notes: string[] = [];
  await protectKeychainValues(deps, notes);
  const entries: Record<string, Uint8Array> = {};
  const text = (name: string, content: string) => {
    entries[name] = strToU8(redactor.text(content));
  };
  const json = (name: string, value: unknown) => {
    entries[name] = strToU8(`${JSON.stringify(redactor.value(value), null, 2)}\n`);
  };

  json('versions.json', versions(deps));
  json('settings/profiles.json', {
    activeProfileId: deps.profiles.active().id,
    // The profile schema already refuses URLs with credentials in them; the redactor still reads every field.
    profiles: deps.profiles.list(),
    note: 'Credentials live only in the OS keychain and are not part of this export.',
  });
  for (const name of SETTINGS_FILES) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) text(`settings/${name}`, readFileSync(file, 'utf8'));
  }
  for (const name of ['desk.log.1', 'desk.log']) {
    const file = path.join(dataDir, 'logs', name);
    if (existsSync(file)) text(`logs/${name}`, readFileSync(file, 'utf8'));
  }
  json('migrations.json', migrations(dataDir, notes));
  const probeDir = path.join(dataDir, 'probe');
  if (existsSync(probeDir)) {
    for (const file of walk(probeDir)) {
      const name = `probe/${path.relative(probeDir, file).split(path.sep).join('/')}`;
      const size = statSync(file).size;
      if (size > MAX_PROBE_FILE_BYTES) notes.push(`${name} left out: ${size} bytes is over the 5 MB limit`);
      else text(name, readFileSync(file, 'utf8'));
    }
  } else {
    notes.push('No supplier-conformance probe report (probe/ does not exist in the data folder).');
  }
  json('manifest.json', {
    createdAt: new Date(deps.clock.now()).toISOString(),
    files: Object.keys(entries).sort(),
    notes,
  });

  const zip = zipSync(entries, { level: 9, mtime: new Date(deps.clock.now()) });
  const stamp = new Date(deps.clock.now()).toISOString().replace(/[:.]/g, '-');
  const file = path.join(dataDir, 'exports', `diagnostics-${stamp}.zip`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, zip, { mode: 0o600 });
  deps.logger.info('diagnostics exported', { file, bytes: zip.byteLength });
  return { file, bytes: zip.byteLength, entries: Object.keys(entries) };
}

/** Registers every stored credential with the redactor; the keychain being unavailable is noted, not fatal. */
async function protectKeychainValues(deps: DiagnosticsDeps, notes: string[]): Promise<void> {
  for (const profile of deps.profiles.list().filter((p) => !p.builtIn)) {
    for (const field of SECRET_FIELDS) {
      try {
        deps.redactor.protect(await deps.secrets.read(profile.id, field));
      } catch (error) {
        notes.push(
          `The keychain could not be read for ${profile.name} (${error instanceof Error ? error.message : String(error)}); ` +
            'texts were redacted by pattern and by the credentials this session already knew.',
        );
        return;
      }
    }
  }
}

function versions(deps: DiagnosticsDeps): Record<string, unknown> {
  const v = process.versions as Record<string, string | undefined>;
  return {
    app: deps.version,
    transport: deps.transport,
    electron: v.electron ?? null,
    chrome: v.chrome ?? null,
    node: v.node,
    v8: v.v8,
    modules: v.modules,
    sqlite: sqliteVersion(),
    os: { platform: process.platform, arch: process.arch, release: os.release(), version: os.version() },
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    proxy: {
      HTTPS_PROXY: withoutCredentials(process.env.HTTPS_PROXY ?? process.env.https_proxy ?? ''),
      NO_PROXY: process.env.NO_PROXY ?? process.env.no_proxy ?? '',
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
    },
  };
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

/** Each profile cache's migrations, read-only: a cache the desk cannot open is reported, not repaired. */
function migrations(dataDir: string, notes: string[]): Record<string, unknown> {
  const cacheDir = path.join(dataDir, 'cache');
  if (!existsSync(cacheDir)) return {};
  const result: Record<string, unknown> = {};
  for (const name of readdirSync(cacheDir)
    .filter((n) => n.endsWith('.sqlite'))
    .sort()) {
    try {
      const db = new Database(path.join(cacheDir, name), { readonly: true, fileMustExist: true });
      try {
        result[name] = migrationStatus(db);
      } finally {
        db.close();
      }
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      result[name] = { unreadable: problem };
      notes.push(`cache/${name} could not be read: ${problem}`);
    }
  }
  return result;
}

/** A URL as configured, without any user or password it carries. */
function withoutCredentials(raw: string): string {
  if (raw === '') return raw;
  try {
    const url = new URL(raw);
    if (url.username === '' && url.password === '') return raw;
    url.username = '';
    url.password = '';
    return `${url.toString()} (credentials removed)`;
  } catch {
    return '[not a URL]';
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory()
        ? walk(path.join(dir, entry.name))
        : entry.isFile()
          ? [path.join(dir, entry.name)]
          : [],
    );
}
