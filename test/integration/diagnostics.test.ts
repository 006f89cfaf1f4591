import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { MIGRATIONS } from '../../main/store/sqlite/migrate';
import type { DiagnosticsExport } from '../../shared/diagnostics';
import type { Profile } from '../../shared/domain';
import { deskCall } from '../support/desk-call';
import { keychainUnavailable } from '../support/keychain';

const unavailable = await keychainUnavailable();

/**
 * Export diagnostics through the router (both transports bind it), on a data folder with a history: a log from
 * an older desk that let a credential through, a probe report, a profile cache. The zip must carry what Ops asks
 * for and no credential, even one this session never used.
 */
describe.skipIf(unavailable)('export diagnostics', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-diagnostics-'));
  const keychainService = `Fulfillment Desk test ${randomBytes(4).toString('hex')}`;
  const secret = `old-secret-${randomBytes(16).toString('base64url')}`;
  let backend: Backend;
  let profile: Profile;
  let zip: Record<string, string>;
  let reply: DiagnosticsExport;

  beforeAll(async () => {
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    // What an older desk version might have written before the redactor knew this credential.
    writeFileSync(
      path.join(dataDir, 'logs', 'desk.log.1'),
      `${JSON.stringify({ at: '2026-01-01T00:00:00Z', level: 'info', message: `token request with ${secret}` })}\n`,
    );
    mkdirSync(path.join(dataDir, 'probe', 'ascenda'), { recursive: true });
    writeFileSync(
      path.join(dataDir, 'probe', 'report.json'),
      '{"supplier":"ascenda","checks":12,"failed":1}\n',
    );
    writeFileSync(
      path.join(dataDir, 'probe', 'ascenda', 'exchange.txt'),
      `Authorization: Bearer abc.def.ghi\n`,
    );
    backend = createBackend({ dataDir, version: '9.9.9-test', logToConsole: false, keychainService });
    profile = await deskCall<Profile>(backend, 'profiles.create', {
      name: 'UAT with a secret',
      environment: 'uat',
      ascendaRegion: 'custom',
      ascendaBaseUrl: 'https://uat.ascenda.example/api',
      gcpBaseUrl: 'https://uat.giftcardpartners.example',
      pointRates: { USD: 0.01 },
      agentName: 'Test Agent',
    });
    await deskCall(backend, 'secrets.set', {
      profileId: profile.id,
      field: 'ascenda.clientSecret',
      value: secret,
    });
    await deskCall(backend, 'updates.configure', {
      channel: 'beta',
      feedUrl: 'https://updates.example/desk',
    });
    // The desktop app remembers its window's screen (the bridge's tabs keep their own).
    await backend.router.dispatch('app.rememberScreen', { screen: 'lookup' }, { transport: 'electron' });
    // Opening the Sandbox cache applies the migrations.
    await deskCall(backend, 'placements.recent');
    appendFileSync(
      path.join(dataDir, 'logs', 'desk.log'),
      `${JSON.stringify({ message: `echo ${secret}` })}\n`,
    );
    const proxy = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = 'http://agent:hunter22@proxy.corp:3128';
    try {
      reply = await deskCall<DiagnosticsExport>(backend, 'app.exportDiagnostics');
    } finally {
      if (proxy === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = proxy;
    }
    const files = unzipSync(readFileSync(reply.file));
    zip = Object.fromEntries(Object.entries(files).map(([name, content]) => [name, strFromU8(content)]));
  });
  afterAll(async () => {
    await backend.services.secrets.clearProfile(profile.id);
    await backend.close();
  });

  it('writes one zip into the data folder’s exports, listing what it holds', () => {
    expect(path.dirname(reply.file)).toBe(path.join(dataDir, 'exports'));
    expect(path.basename(reply.file)).toMatch(/^diagnostics-.*\.zip$/);
    expect(readFileSync(reply.file).byteLength).toBe(reply.bytes);
    expect(Object.keys(zip).sort()).toEqual([...reply.entries].sort());
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining([
        'versions.json',
        'settings/profiles.json',
        'settings/app-settings.json',
        'settings/window-state.json',
        'logs/desk.log',
        'logs/desk.log.1',
        'migrations.json',
        'probe/report.json',
        'probe/ascenda/exchange.txt',
        'manifest.json',
      ]),
    );
  });

  it('holds no credential: not the keychain’s, not one in an old log or a proxy URL, not a bearer token', () => {
    const all = Object.values(zip).join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain('hunter22');
    expect(all).not.toContain('abc.def.ghi');
    expect(zip['logs/desk.log.1']).toContain('token request with [REDACTED]');
    expect(zip['probe/ascenda/exchange.txt']).toBe('Authorization: Bearer [REDACTED]\n');
  });

  it('carries the versions, the settings without secrets and each cache’s migration state', () => {
    expect(JSON.parse(zip['versions.json']!)).toMatchObject({
      app: '9.9.9-test',
      transport: 'bridge',
      node: process.versions.node,
      sqlite: expect.stringMatching(/^3\./),
    });
    const profiles = JSON.parse(zip['settings/profiles.json']!) as { profiles: Profile[] };
    expect(profiles.profiles.map((p) => p.name)).toEqual(['Sandbox', 'UAT with a secret']);
    expect(JSON.parse(zip['versions.json']!).proxy.HTTPS_PROXY).toBe(
      'http://proxy.corp:3128/ (credentials removed)',
    );
    expect(JSON.parse(zip['settings/app-settings.json']!)).toMatchObject({
      updates: { channel: 'beta', feedUrl: 'https://updates.example/desk' },
    });
    const migrations = JSON.parse(zip['migrations.json']!) as Record<
      string,
      Array<{ version: number; state: string }>
    >;
    expect(migrations['sandbox.sqlite']!.map((m) => [m.version, m.state])).toEqual(
      MIGRATIONS.map((m) => [m.version, 'applied']),
    );
    expect(JSON.parse(zip['probe/report.json']!)).toEqual({ supplier: 'ascenda', checks: 12, failed: 1 });
  });
});
