import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { GiftCard, Product } from '../../shared/catalogue';
import type { Profile } from '../../shared/domain';
import type { Placement } from '../../shared/placement';
import { keychainUnavailable } from '../support/keychain';
import { ascendaDraft } from '../support/orders';
import { runCredentials } from '../support/run-credentials';

const unavailable = await keychainUnavailable();

/**
 * A supplier that echoes the desk's credentials and bearer tokens, wrapped in spreadsheet formulas, into every
 * message, name and request id it sends. Afterwards nothing at rest (the SQLite cache table by table: journal,
 * audit log, orders, item errors; every export; the log) and nothing sent to the window holds a credential, and
 * no export cell would run as a formula.
 */
describe.skipIf(unavailable)('a supplier echoing credentials and formula strings', () => {
  const secrets = runCredentials('hostile');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-hostile-'));
  const seen: string[] = [];
  let backend: Backend;
  let pair: SandboxPair;
  let profile: Profile;
  const call = async <T>(channel: string, input?: unknown) => {
    const reply = await backend.router.dispatch(channel, input, { transport: 'bridge' });
    seen.push(JSON.stringify(reply));
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.value as T;
  };

  beforeAll(async () => {
    pair = await startSandbox({
      ascenda: {
        credentials: [{ clientId: secrets.clientId, clientSecret: secrets.clientSecret }],
        historicalOrderCount: 300,
        newOrderOutcome: 'failed',
        itemTiming: { processingAfterMs: 10, terminalAfterMs: 50 },
        hostile: true,
      },
      gcp: {
        credentials: [{ email: secrets.email, accessToken: secrets.accessToken }],
        historicalOrderCount: 200,
        hostile: true,
      },
    });
    backend = createBackend({ dataDir, version: '0.0.0-test', logToConsole: false });
    backend.bus.subscribeAll((event, payload) => seen.push(JSON.stringify({ event, payload })));
    profile = await call<Profile>('profiles.create', {
      name: `Hostile ${randomBytes(3).toString('hex')}`,
      environment: 'uat',
      ascendaRegion: 'custom',
      ascendaBaseUrl: pair.urls.ascenda,
      gcpBaseUrl: pair.urls.gcp,
      pointRates: { USD: 0.01 },
      agentName: 'Test Agent',
    });
    for (const [field, value] of [
      ['ascenda.clientId', secrets.clientId],
      ['ascenda.clientSecret', secrets.clientSecret],
      ['gcp.email', secrets.email],
      ['gcp.accessToken', secrets.accessToken],
    ])
      await call('secrets.set', { profileId: profile.id, field, value });
    await call('profiles.activate', { id: profile.id });
  });
  afterAll(async () => {
    await backend.services.secrets.clearProfile(profile.id);
    await backend.close();
    await pair.stop();
  });

  it('stores, exports, logs and shows none of it', async () => {
    await call('history.sync', {});
    await backend.services.history.settled();
    await call('catalogue.refresh', {});
    const [card] = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
    const product = (await call<Product[]>('catalogue.search', { supplier: 'gcp', text: '' })).find(
      (p) => p.kind === 'Digital' && p.denominationType === 'Fixed',
    )!;
    const placed = [
      await call<Placement>('placements.place', { order: ascendaDraft(card!, `hostile-${randomUUID()}`) }),
      await call<Placement>('placements.place', {
        order: {
          ...ascendaDraft(card!, `hostile-${randomUUID()}`),
          memberId: '00000000-0000-4000-8000-000000001301',
        },
      }),
      await call<Placement>('placements.place', {
        order: {
          supplier: 'gcp',
          reference: `hostile-${randomUUID()}`,
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
        .poll(async () => (await call<Placement>('placements.get', { id })).state, { timeout: 60_000 })
        .toMatch(/confirmed|rejected|needs_ops/);
    await call('lookup.search', { query: placed[0]!.reference, live: true });
    const { exportId } = await call<{ exportId: string }>('history.export', {
      filter: {},
      sort: { column: 'createdAt', direction: 'desc' },
    });
    await expect
      .poll(() => seen.some((r) => r.includes(exportId) && r.includes('"done":true')), { timeout: 60_000 })
      .toBe(true);
    const failures = await call<{ file: string; rows: number }>('failures.export', {});
    expect(failures.rows).toBeGreaterThan(0);

    const issued = [
      ...(pair.ascenda as unknown as { tokens: Map<string, unknown> }).tokens.keys(),
      ...(pair.gcp as unknown as { tokens: Map<string, unknown> }).tokens.keys(),
    ];
    const needles = [secrets.clientSecret, secrets.accessToken, ...issued];
    expect(issued.length).toBeGreaterThan(1);

    // The supplier did echo them (or the test proves nothing).
    const echoed = await fetch(`${pair.urls.ascenda}/gift_cards?page=1&per_page=1`, {
      headers: { Authorization: `Bearer ${issued[0]}` },
    });
    expect(await echoed.text()).toContain(issued[0]);

    const files = walk(dataDir);
    const exports = files.filter((f) => f.endsWith('.csv'));
    expect(exports).toHaveLength(2);
    const cache = files.find((f) => f.endsWith(`${profile.id}.sqlite`))!;
    await backend.services.stores.close(profile.id);
    const db = new Database(cache, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['placements', 'audit_log', 'orders']));
    const cells = tables.flatMap((table) =>
      (db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][])
        .flat()
        .filter((v): v is string => typeof v === 'string'),
    );
    db.close();
    // The hostile text did arrive (masked): echoed names and item errors are in the cache.
    expect(cells.some((c) => c.includes('[REDACTED]'))).toBe(true);
    const haystacks = [...seen, ...cells, ...files.map((f) => readFileSync(f).toString('latin1'))];
    for (const needle of needles)
      for (const hay of haystacks) expect(hay.includes(needle), `leaked ${needle.slice(0, 8)}…`).toBe(false);

    for (const file of exports) {
      const rows = parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
      expect(rows.length).toBeGreaterThan(1);
      for (const value of rows.flat()) expect(value).not.toMatch(/^[=+\-@\t\r\n]/);
      expect(rows.flat().some((value) => value.startsWith(`'=HYPERLINK`))).toBe(true);
    }
  }, 180_000);
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
