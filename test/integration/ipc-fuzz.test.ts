import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { channelNames } from '../../shared/contract';

/**
 * Every channel of the contract, through the real backend's router, with input no renderer should send:
 * wrong types, unknown keys, prototype-pollution keys and megabyte strings. Each must come back as a clear
 * VALIDATION envelope: nothing thrown, no handler run, nothing polluted, the input never echoed back whole.
 */
const HUGE = 'x'.repeat(1_000_000);
const FIELDS = [
  'id',
  'profileId',
  'query',
  'text',
  'reference',
  'key',
  'note',
  'supplier',
  'filter',
  'order',
  'field',
  'value',
];
const hostileInputs = (): Array<[string, unknown]> => [
  ['a number', 1],
  ['NaN', Number.NaN],
  ['a string', 'text'],
  ['a boolean', true],
  ['null', null],
  ['an empty array', []],
  ['an array', [1, { id: 'x' }]],
  ['an unknown key', { unexpected: 1 }],
  ['__proto__', JSON.parse('{"__proto__": {"polluted": "yes"}}')],
  ['constructor.prototype', JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}')],
  ['a megabyte string', HUGE],
  ['megabyte strings in every field', Object.fromEntries(FIELDS.map((f) => [f, HUGE]))],
  ['objects nested 2,000 deep', JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)],
];

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
    const auditBefore = await backend.services.stores.for('sandbox').auditLatest(1000);
    const problems: string[] = [];
    let calls = 0;
    for (const channel of channelNames) {
      for (const [label, input] of hostileInputs()) {
        calls++;
        const reply = await backend.router.dispatch(channel, input, { transport: 'bridge' });
        if (reply.ok || reply.error.code !== 'VALIDATION') {
          problems.push(`${channel} with ${label}: ${reply.ok ? 'accepted' : reply.error.code}`);
          continue;
        }
        const size = JSON.stringify(reply).length;
        if (size > 20_000)
          problems.push(`${channel} with ${label}: a ${size}-character reply echoes the input`);
        if (!reply.error.message) problems.push(`${channel} with ${label}: no message`);
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBe(channelNames.length * hostileInputs().length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // No handler ran: nothing new in the audit log, no placement journaled.
    expect(await backend.services.stores.for('sandbox').auditLatest(1000)).toEqual(auditBefore);
    expect(await backend.services.stores.for('sandbox').recentPlacements(10)).toEqual([]);
  });

  it('names the channel when it does not exist, and never runs inherited object keys', async () => {
    for (const channel of ['no.such', '__proto__', 'constructor', 'toString', 'profiles.__proto__']) {
      const reply = await backend.router.dispatch(channel, undefined, { transport: 'bridge' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });
});
