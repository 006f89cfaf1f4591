import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { DiagnosticsExport } from '../../../shared/diagnostics';
import { SECRET_FIELDS } from '../../../shared/secrets';
import type { Logger } from '../../log/logger';
import type { Redactor } from '../../log/redactor';
import type { SecretStore } from '../../secrets/secret-store';
import type { Clock } from '../../time/clock';
import type { ProfileService } from '../profiles/profiles';
import type { CacheStores } from '../cache-stores';
import type { DataPaths } from '../../environment/data-paths';

export interface DiagnosticsDeps {
  paths: DataPaths;
  version: string;
  transport: 'electron' | 'bridge';
  profiles: ProfileService;
  stores: CacheStores;
  secrets: SecretStore;
  redactor: Redactor;
  logger: Logger;
  clock: Clock;
}

/** Files of the data folder's probe/ report copied at most this big each; a bigger one is named, not copied. */
const MAX_PROBE_FILE_BYTES = 5 * 1024 * 1024;

/**
 * One zip for an Ops ticket: the redacted logs, the desk's and the machine's versions, the settings without
 * secrets, each profile cache's migration state and the last supplier-conformance probe report. Every text is
 * passed through the redactor after every credential in the keychain was registered with it, so even a
 * credential an older desk version let into a log is masked here.
 */
export async function exportDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsExport> {
  const { paths, redactor } = deps;
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
  // Settings files copied as they are (after redaction): none holds a secret by design.
  for (const file of [paths.windowState, paths.appSettings]) {
    if (existsSync(file)) text(`settings/${path.basename(file)}`, readFileSync(file, 'utf8'));
  }
  // The log and the one it rotated to.
  for (const file of [`${paths.logFile}.1`, paths.logFile]) {
    if (existsSync(file)) text(`logs/${path.basename(file)}`, readFileSync(file, 'utf8'));
  }
  json('migrations.json', deps.stores.migrationReport(notes));
  const probeDir = paths.probe;
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
  const file = path.join(paths.exports, `diagnostics-${stamp}.zip`);
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
    sqlite: deps.stores.sqliteVersion(),
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
