import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { channelNames } from '../../shared/contract';
import { buildDesk } from '../../shared/desk-api';
import { fuzzEveryChannel } from '../support/desk-fuzz';

/**
 * Every channel of the contract, through window.desk's own builder straight onto the real backend's router, with
 * input no renderer should send (test/support/desk-fuzz.ts, the same list the bridge and Electron suites send).
 * Each must come back as a clear VALIDATION envelope: nothing thrown, no handler run, nothing polluted, the input
 * never echoed back whole.
 */
let backend: Backend;
beforeAll(() => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-fuzz-')),
    version: '0',
    logToConsole: false,
  });
});
afterAll(() => backend.close());

describe('IPC fuzz', () => {
  it(`refuses hostile input on all ${channelNames.length} channels with VALIDATION, and nothing else happens`, async () => {
    const auditBefore = await backend.services.stores.for('sandbox').audit.latest(1000);
    const desk = buildDesk({
      invoke: (channel, input) => backend.router.dispatch(channel, input, { transport: 'bridge' }),
      subscribe: () => () => undefined,
    });
    const { calls, kinds, problems } = await fuzzEveryChannel([...channelNames], desk);
    expect(problems).toEqual([]);
    expect(calls).toBe(channelNames.length * kinds);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // No handler ran: nothing new in the audit log, no placement journaled.
    expect(await backend.services.stores.for('sandbox').audit.latest(1000)).toEqual(auditBefore);
    expect(await backend.services.stores.for('sandbox').placements.recent(10)).toEqual([]);
  });

  it('names the channel when it does not exist, and never runs inherited object keys', async () => {
    for (const channel of ['no.such', '__proto__', 'constructor', 'toString', 'profiles.__proto__']) {
      const reply = await backend.router.dispatch(channel, undefined, { transport: 'bridge' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });
});
