import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { SANDBOX_CREDENTIALS, startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { ConformanceReport } from '../../shared/conformance';
import type { ConnectionTestResult } from '../../shared/connection';
import type { Profile } from '../../shared/domain';
import { deskCall } from '../support/desk-call';

const repo = path.resolve(__dirname, '../..');

/** `npm run probe` as an operator runs it (the CLI under tsx, on its own data folder). */
function probeCli(dataDir: string, ...args: string[]) {
  return new Promise<{ code: number; out: string; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'main/probe.ts'), ...args],
      { cwd: repo, env: { ...process.env, DESK_DATA_DIR: dataDir }, timeout: 240_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr, stdout }),
    );
  });
}

describe('the calibration probe through the desk (Settings › Check supplier conformance)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-probe-'));
  let backend: Backend;
  let production: SandboxPair;
  const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);

  beforeAll(async () => {
    backend = createBackend({ dataDir, version: '0', logToConsole: false });
    production = await startSandbox();
  });
  afterAll(async () => {
    await backend.close();
    await production.stop();
  });

  it('probes the Sandbox with a test order: 0 differ, one DESK-PROBE- order per supplier, a redacted report on disk', async () => {
    const report = await call<ConformanceReport>('conformance.check', {
      profileId: 'sandbox',
      placeTestOrder: true,
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ differ: 0, checked: report.checks.length });
    expect(report.checked).toBeGreaterThan(30);
    // The points-transfer paths are checked without moving a point: listing, key, fields, detail, check, create.
    const transfers = report.checks.filter((c) =>
      /loyaltyProgram|programListKey|validateMembership|pointsTransfers/.test(c.setting),
    );
    expect(transfers.map((c) => `${c.setting}: ${c.verdict}`).sort()).toEqual(
      [
        'fields.loyaltyProgram',
        'loyaltyProgramDetail',
        'paths.loyaltyPrograms',
        'paths.pointsTransfers',
        'paths.validateMembership',
        'programListKey',
      ].map((setting) => `${setting}: match`),
    );
    expect(report.testOrders.map((o) => o.supplier).sort()).toEqual(['ascenda', 'gcp']);
    for (const order of report.testOrders) {
      expect(order.reference).toMatch(/^DESK-PROBE-/);
      expect(order.outcome).toMatch(/^placed DESK-PROBE-.*found again by/);
    }
    const written = readFileSync(report.reportFile!, 'utf8');
    expect(path.dirname(report.reportFile!)).toBe(path.join(dataDir, 'probe'));
    expect(JSON.parse(written)).toMatchObject({ profileId: 'sandbox', differ: 0 });
    // No secret and no personal data: credentials, tokens and the member's details never appear.
    for (const secret of [
      SANDBOX_CREDENTIALS.ascenda.clientSecret,
      SANDBOX_CREDENTIALS.gcp.accessToken,
      'member@',
    ])
      expect(written).not.toContain(secret);
    const audit = await backend.services.stores.for('sandbox').audit.latest(10);
    expect(
      audit
        .filter((a) => a.action === 'conformance test order')
        .map((a) => a.subject)
        .sort(),
    ).toEqual(report.testOrders.map((o) => o.reference).sort());
  });

  it('refuses a test order on a Production profile before anything is sent', async () => {
    const profile = await call<Profile>('profiles.create', {
      name: 'Production probe',
      environment: 'production',
      ascendaRegion: 'custom',
      ascendaBaseUrl: production.urls.ascenda,
      gcpBaseUrl: production.urls.gcp,
      agentName: 'Test Agent',
    });
    await expect(
      call('conformance.check', { profileId: profile.id, placeTestOrder: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/never placed on a Production profile/),
    });
    expect(production.ascenda.tokenRequests + production.gcp.tokenRequests).toBe(0);
    expect(readdirSync(path.join(dataDir, 'probe')).filter((f) => f.includes(profile.id))).toEqual([]);
  });

  it('names an invalid calibration file and the setting at fault, and sends nothing', async () => {
    const file = path.join(dataDir, 'calibration', 'sandbox.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ascenda: { tokenEncoding: 'xml' } }));
    try {
      const result = await call<ConnectionTestResult>('connection.test', {
        profileId: 'sandbox',
        supplier: 'ascenda',
      });
      expect(result).toMatchObject({ ok: false, problem: 'not_configured' });
      expect(result.summary).toContain(file);
      expect(result.summary).toMatch(/tokenEncoding/);
    } finally {
      writeFileSync(file, '{}');
    }
  });
});

describe('npm run probe', () => {
  it('names the setting a variant changes, applies the suggestion, and then finds nothing that differs', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-probe-cli-'));
    const first = await probeCli(dataDir, '--sandbox', '--variant', 'nn1011-409', '--apply');
    expect(first.out).toContain('ascenda.duplicateReferenceStatus: differs (observed 409, suggest 409)');
    expect(first.stdout.trim().split('\n').at(-1)).toMatch(/^probe: \d+ settings checked, 1 differ$/);
    expect(first.out).toMatch(
      /applied 1 setting\(s\) to .*calibration\/sandbox\.json: ascenda\.duplicateReferenceStatus/,
    );
    expect(first.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'calibration', 'sandbox.json'), 'utf8'))).toEqual({
      ascenda: { duplicateReferenceStatus: 409 },
    });
    const again = await probeCli(dataDir, '--sandbox', '--variant', 'nn1011-409');
    expect(again.out).toContain('ascenda.duplicateReferenceStatus: match');
    expect(again.stdout.trim().split('\n').at(-1)).toMatch(/^probe: \d+ settings checked, 0 differ$/);
    expect(again.code).toBe(0);
  });

  it('refuses unclear usage with the usage text and exit code 2', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-probe-cli-'));
    const both = await probeCli(dataDir, '--sandbox', '--profile', 'x');
    expect(both.code).toBe(2);
    expect(both.out).toContain('usage: npm run probe');
    const unknown = await probeCli(dataDir, '--profile', 'No Such Profile');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/No profile named “No Such Profile”.*“Sandbox”/);
    const variant = await probeCli(dataDir, '--sandbox', '--variant', 'nope');
    expect(variant.code).toBe(2);
    expect(variant.out).toMatch(/No sandbox variant “nope”\. Known: nn1011-409/);
  });
});
