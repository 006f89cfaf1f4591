import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { KEYCHAIN_SERVICE } from '../../main/secrets/secret-store';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { ConnectionTestResult } from '../../shared/connection';
import type { GiftCard, Product } from '../../shared/catalogue';
import type { Profile } from '../../shared/domain';
import type { LookupReply } from '../../shared/lookup';
import type { DiagnosticsExport } from '../../shared/diagnostics';
import type { LedgerReply } from '../../shared/failures';
import type { Placement } from '../../shared/placement';
import type { DeletionCheck } from '../../shared/profile-deletion';
import type { SecretStatus } from '../../shared/secrets';
import { keychainUnavailable } from '../support/keychain';
import { ascendaDraft } from '../support/orders';
import { runCredentials } from '../support/run-credentials';

const unavailable = await keychainUnavailable();

/**
 * The Settings use cases end to end through the router (what both transports bind), with the real keychain
 * and a pair of simulators standing in for a UAT supplier with its own, random credentials.
 */
describe.skipIf(unavailable)('settings: profiles, keychain credentials and connection tests', () => {
  const secrets = runCredentials('uat');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-settings-'));
  const replies: string[] = [];
  let backend: Backend;
  let uat: SandboxPair;
  let profile: Profile;

  const call = async <T>(channel: string, input?: unknown) => {
    const reply = await backend.router.dispatch(channel, input, { transport: 'bridge' });
    replies.push(JSON.stringify(reply));
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
  const test = (supplier: 'ascenda' | 'gcp') =>
    call<ConnectionTestResult>('connection.test', { profileId: profile.id, supplier });

  beforeAll(async () => {
    uat = await startSandbox({
      ascenda: { credentials: [{ clientId: secrets.clientId, clientSecret: secrets.clientSecret }] },
      gcp: { credentials: [{ email: secrets.email, accessToken: secrets.accessToken }] },
    });
    backend = createBackend({ dataDir, version: '0.0.0-test', logToConsole: false });
    // Every event main pushes to the renderer is searched for secrets too.
    backend.bus.subscribeAll((event, payload) => replies.push(JSON.stringify({ event, payload })));
    profile = await call<Profile>('profiles.create', {
      name: `UAT ${randomBytes(3).toString('hex')}`,
      environment: 'uat',
      ascendaRegion: 'custom',
      ascendaBaseUrl: uat.urls.ascenda,
      gcpBaseUrl: uat.urls.gcp,
      pointRates: { USD: 0.01 },
      agentName: 'Test Agent',
    });
  });
  afterAll(async () => {
    await backend.services.secrets.clearProfile(profile.id);
    await backend.close();
    await uat.stop();
  });

  it('reports a profile without credentials as not configured, having sent nothing', async () => {
    const before = uat.ascenda.tokenRequests;
    const result = await test('ascenda');
    expect(result).toMatchObject({ ok: false, problem: 'not_configured' });
    expect(result.summary).toMatch(/ascenda\.clientId/);
    expect(uat.ascenda.tokenRequests).toBe(before);
  });

  it('saves credentials to the keychain and reports only whether each is set', async () => {
    const fields: Array<[string, string]> = [
      ['ascenda.clientId', secrets.clientId],
      ['ascenda.clientSecret', secrets.clientSecret],
      ['gcp.email', secrets.email],
      ['gcp.accessToken', secrets.accessToken],
    ];
    let status: SecretStatus | undefined;
    for (const [field, value] of fields)
      status = await call<SecretStatus>('secrets.set', { profileId: profile.id, field, value });
    expect(status).toEqual({
      profileId: profile.id,
      builtIn: false,
      fields: {
        'ascenda.clientId': true,
        'ascenda.clientSecret': true,
        'gcp.email': true,
        'gcp.accessToken': true,
      },
    });
    const listed = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const [field] of fields) expect(listed).toContain(`${profile.id}/${field}`);
  });

  it('has no channel that reads a secret back', async () => {
    const reply = await backend.router.dispatch(
      'secrets.get',
      { profileId: profile.id, field: 'ascenda.clientSecret' },
      { transport: 'bridge' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('connects to both suppliers with the saved credentials', async () => {
    const ascenda = await test('ascenda');
    expect(ascenda).toMatchObject({ ok: true, problem: null });
    expect(ascenda.summary).toMatch(/version 1\.3 accepted, 520 gift cards/);
    const gcp = await test('gcp');
    expect(gcp).toMatchObject({ ok: true });
    expect(gcp.summary).toMatch(/USD 2,500\.00 available/);
  });

  it('names the exact failure: credentials, access disabled, API version, unreachable, timeout', async () => {
    uat.ascenda.settings.disabledClientIds = [secrets.clientId];
    expect(await test('ascenda')).toMatchObject({
      ok: false,
      problem: 'access_disabled',
      error: { httpStatus: 403 },
    });
    uat.ascenda.settings.disabledClientIds = [];

    uat.ascenda.settings.minVersion = '1.4';
    const version = await test('ascenda');
    expect(version).toMatchObject({ ok: false, problem: 'version', error: { supplierCode: 'NN1001' } });
    expect(version.summary).toMatch(/refused API version 1\.3/);
    uat.ascenda.settings.minVersion = '1.3';

    uat.gcp.faults.add({ kind: 'delay_before_commit', route: 'GET /v1/Status', delayMs: 6_000 });
    const slow = await test('gcp');
    expect(slow).toMatchObject({ ok: false, problem: 'timeout' });
    expect(slow.summary).toMatch(/did not answer in time/);

    await call('secrets.set', {
      profileId: profile.id,
      field: 'gcp.accessToken',
      value: 'not-the-right-token',
    });
    const wrong = await test('gcp');
    expect(wrong).toMatchObject({
      ok: false,
      problem: 'credentials',
      error: { kind: 'AUTH', httpStatus: 401 },
    });
    expect(wrong.summary).toMatch(/refused the credentials/);
    await call('secrets.set', {
      profileId: profile.id,
      field: 'gcp.accessToken',
      value: secrets.accessToken,
    });
    expect((await test('gcp')).ok).toBe(true);

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await call('profiles.update', { id: profile.id, changes: { gcpBaseUrl: `http://127.0.0.1:${port}` } });
    expect(await test('gcp')).toMatchObject({
      ok: false,
      problem: 'unreachable',
      error: { networkCode: 'ECONNREFUSED' },
    });
    await call('profiles.update', { id: profile.id, changes: { gcpBaseUrl: uat.urls.gcp } });
  }, 20_000);

  it('switches the active profile and tells the renderer', async () => {
    const events: unknown[] = [];
    const off = backend.bus.subscribeAll((event, payload) => events.push({ event, payload }));
    await call('profiles.activate', { id: profile.id });
    off();
    expect(events.filter((e) => (e as { event: string }).event === 'profiles.changed')).toEqual([
      { event: 'profiles.changed', payload: { activeProfileId: profile.id } },
    ]);
    // The background sync now follows the profile that became active.
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'schedule.updated',
        payload: expect.objectContaining({ profileId: profile.id }),
      }),
    );
    expect((await call<{ activeProfile: Profile }>('app.info')).activeProfile).toMatchObject({
      id: profile.id,
      environment: 'uat',
    });
  });

  it('refuses to store credentials on the built-in Sandbox', async () => {
    const reply = await backend.router.dispatch(
      'secrets.set',
      { profileId: 'sandbox', field: 'gcp.email', value: 'x@y.z' },
      { transport: 'bridge' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('never lets a credential or bearer token reach the logs, the data folder (caches, journal, exports), an IPC reply or an event', async () => {
    // Fill this profile's SQLite cache first, so the search below covers it.
    await call('history.sync', {});
    await backend.services.history.settled();
    const [ascendaSync, gcpSync] =
      await call<Array<{ state: string; ordersSynced: number }>>('history.status');
    expect(ascendaSync).toMatchObject({ state: 'done', ordersSynced: 3000 });
    expect(gcpSync).toMatchObject({ state: 'done', ordersSynced: 2000 });
    const audit = await backend.services.stores.for(profile.id).audit.latest(5);
    expect(audit[0]).toMatchObject({ agent: 'Test Agent', action: 'history sync started' });
    // Then use every screen's backend on this profile: catalogue, balance, one order per supplier (journal and
    // tracking), a live lookup, and both CSV exports.
    await call('catalogue.refresh', {});
    await call('balance.check');
    const [card] = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
    const product = (await call<Product[]>('catalogue.search', { supplier: 'gcp', text: '' })).find(
      (p) => p.kind === 'Digital' && p.denominationType === 'Fixed',
    )!;
    const placed = [
      await call<Placement>('placements.place', { order: ascendaDraft(card!, `leak-${randomUUID()}`) }),
      await call<Placement>('placements.place', {
        order: {
          supplier: 'gcp',
          reference: `leak-${randomUUID()}`,
          productId: product.id,
          deliveryType: 'DigitalDelivery',
          value: product.denominations[0],
          quantity: 1,
          email: 'member@example.com',
        },
      }),
    ];
    for (const { id } of placed)
      await expect
        .poll(async () => (await call<Placement>('placements.get', { id })).state, { timeout: 15_000 })
        .toBe('confirmed');
    expect(
      (await call<LookupReply>('lookup.search', { query: placed[1]!.reference, live: true })).results,
    ).not.toEqual([]);
    const { exportId } = await call<{ exportId: string }>('history.export', {
      filter: {},
      sort: { column: 'createdAt', direction: 'desc' },
    });
    await expect
      .poll(() => replies.some((r) => r.includes(exportId) && r.includes('"done":true')), { timeout: 30_000 })
      .toBe(true);
    await call('failures.export', {});
    // Export diagnostics too: its zip compresses, so its files are unpacked and searched one by one.
    const diagnostics = await call<DiagnosticsExport>('app.exportDiagnostics');
    const unpacked = unzipSync(readFileSync(diagnostics.file));
    expect(Object.keys(unpacked)).toEqual(
      expect.arrayContaining(['logs/desk.log', 'settings/profiles.json']),
    );
    const issued = [
      ...(uat.ascenda as unknown as { tokens: Map<string, unknown> }).tokens.keys(),
      ...(uat.gcp as unknown as { tokens: Map<string, unknown> }).tokens.keys(),
    ];
    expect(issued.length).toBeGreaterThan(3);
    const files = walk(dataDir);
    expect(files.some((f) => f.endsWith('desk.log'))).toBe(true);
    expect(
      files.filter((f) => f.includes(`${path.sep}exports${path.sep}`) && f.endsWith('.csv')),
    ).toHaveLength(2);
    expect(files.some((f) => f.endsWith(`${profile.id}.sqlite`))).toBe(true);
    const haystacks = [
      ...replies,
      ...files.map((f) => readFileSync(f).toString('latin1')),
      ...Object.values(unpacked).map((content) => strFromU8(content)),
    ];
    for (const needle of [secrets.clientSecret, secrets.accessToken, ...issued]) {
      for (const hay of haystacks) expect(hay.includes(needle), `leaked ${needle.slice(0, 6)}…`).toBe(false);
    }
    const log = readFileSync(
      files.find((f) => f.endsWith('desk.log'))!,
      'utf8',
    );
    expect(log).toContain('connection test');
    expect(log).not.toMatch(/Bearer [A-Za-z0-9]/);
  });

  it('refuses to delete a profile with work unfinished, listing it, and deletes nothing', async () => {
    const blockers = (await call<DeletionCheck>('profiles.deletionCheck', { id: profile.id })).blockers;
    // The leak scan above synced a history with failed items nobody handled, and placed orders.
    expect(blockers.some((b) => b.kind === 'refund')).toBe(true);
    await expect(call('profiles.delete', { id: profile.id })).rejects.toThrow(/CONFLICT .* to finish/);
    const listed = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(listed).toContain(`${profile.id}/ascenda.clientSecret`);
    expect((await call<Profile[]>('profiles.list')).some((p) => p.id === profile.id)).toBe(true);
  });

  it('deletes a finished profile together with its keychain entries, archiving its journal and audit log', async () => {
    const spare = await call<Profile>('profiles.create', {
      name: `Spare ${randomBytes(3).toString('hex')}`,
      environment: 'uat',
      ascendaRegion: 'custom',
      ascendaBaseUrl: uat.urls.ascenda,
      gcpBaseUrl: uat.urls.gcp,
      agentName: 'Test Agent',
    });
    const values: Record<string, string> = {
      'ascenda.clientId': secrets.clientId,
      'ascenda.clientSecret': secrets.clientSecret,
      'gcp.email': secrets.email,
      'gcp.accessToken': secrets.accessToken,
    };
    for (const [field, value] of Object.entries(values))
      await call('secrets.set', { profileId: spare.id, field, value });
    await call('profiles.update', { id: spare.id, changes: { agentName: 'Renamed Agent' } });
    // One placement, finished (fulfilled): its journal must outlive the profile.
    uat.ascenda.settings.newOrderOutcome = 'fulfilled';
    await call('profiles.activate', { id: spare.id });
    const [card] = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
    const placed = await call<Placement>('placements.place', {
      order: ascendaDraft(card!, `spare-${randomUUID()}`),
    });
    let settled = placed;
    for (let i = 0; i < 200; i++) {
      settled = await call<Placement>('placements.get', { id: placed.id });
      if (settled.state === 'confirmed' && settled.outcome !== 'tracking') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The simulator fails or cancels some orders: a refund owed blocks the deletion until it is recorded.
    if (settled.outcome === 'refund_due') {
      await call('profiles.activate', { id: 'sandbox' });
      expect((await call<DeletionCheck>('profiles.deletionCheck', { id: spare.id })).blockers).toEqual([
        expect.objectContaining({ kind: 'refund', reference: placed.reference }),
      ]);
      await call('profiles.activate', { id: spare.id });
      const { rows } = await call<LedgerReply>('refunds.ledger', {});
      await call('refunds.record', {
        key: rows.find((r) => r.reference === placed.reference)!.key,
        action: 'refunded',
        transactionId: 'LOY-SPARE-1',
      });
    }
    await call('profiles.activate', { id: 'sandbox' });
    expect((await call<DeletionCheck>('profiles.deletionCheck', { id: spare.id })).blockers).toEqual([]);
    const deleted = await call<{ secretsCleared: number; archive: string }>('profiles.delete', {
      id: spare.id,
    });
    expect(deleted.secretsCleared).toBe(4);
    const listed = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(listed).not.toContain(spare.id);
    // The journal and audit log are archived, never erased: the name change and the deletion are in it.
    const archive = new Database(deleted.archive, { readonly: true });
    const actions = (archive.prepare('SELECT action FROM audit_log').all() as Array<{ action: string }>).map(
      (row) => row.action,
    );
    archive.close();
    expect(actions).toEqual(
      expect.arrayContaining(['agent name changed', 'placement journaled', 'profile deleted']),
    );
    // Readable in Lookup from any profile, read-only and labelled as the deleted profile's.
    const found = await call<LookupReply>('lookup.search', { query: placed.reference, live: false });
    expect(found.results[0]).toMatchObject({
      reference: placed.reference,
      archived: { profileName: spare.name },
    });
  });

  it('connects the built-in Sandbox profile to its simulators with no setup', async () => {
    expect(
      (await call<ConnectionTestResult>('connection.test', { profileId: 'sandbox', supplier: 'ascenda' })).ok,
    ).toBe(true);
    expect(
      (await call<ConnectionTestResult>('connection.test', { profileId: 'sandbox', supplier: 'gcp' })).ok,
    ).toBe(true);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
