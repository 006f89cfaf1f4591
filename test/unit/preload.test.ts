import { beforeAll, describe, expect, it } from 'vitest';
import { exposed, ipcRenderer } from '../fakes/electron';
import type { DeskApi } from '../../shared/desk-api';

// `electron` is the recording fake (vitest.config.ts): we check what the real preload hands to the page.
describe('preload bridge', () => {
  let desk: DeskApi;
  beforeAll(async () => {
    await import('../../preload/preload');
    desk = exposed.get('desk') as DeskApi;
  });

  it('exposes window.desk and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['desk']);
    expect(Object.keys(desk).sort()).toEqual([
      'app',
      'audit',
      'balance',
      'bulk',
      'catalogue',
      'conformance',
      'connection',
      'failures',
      'health',
      'history',
      'lookup',
      'members',
      'notes',
      'on',
      'placements',
      'profiles',
      'programs',
      'queues',
      'reconciliation',
      'refunds',
      'sandbox',
      'schedule',
      'secrets',
      'updates',
      'views',
    ]);
  });

  it('never exposes ipcRenderer or its methods', () => {
    const reachable = JSON.stringify(desk, (_k, v) => (typeof v === 'function' ? `fn:${v.name}` : v));
    expect(reachable).not.toMatch(/ipcRenderer|invoke|send|sendSync/);
    expect(Object.values(desk)).not.toContain(ipcRenderer);
  });

  it('invokes the contract channel with the caller input', async () => {
    const fake = ipcRenderer;
    const result = await desk.app.info();
    expect(fake.invocations.at(-1)).toEqual({ channel: 'app.info', input: undefined });
    expect(result).toEqual({ ok: true, value: { echoed: 'app.info' } });
  });

  it('answers input IPC cannot carry with VALIDATION instead of a rejected promise', async () => {
    const call = desk.app.info as unknown as (input: unknown) => Promise<unknown>;
    expect(await call(() => 'not data')).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/^app\.info: the input is not plain data \(.*could not be cloned/),
      },
    });
  });

  it('delivers event payloads without the IPC event object, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = desk.on('profiles.changed', (payload) => received.push(payload));
    const ipcEvent = { sender: 'ipc-internals', ports: [] };
    ipcRenderer.emit('profiles.changed', ipcEvent, { activeProfileId: 'uat' });
    expect(received).toEqual([{ activeProfileId: 'uat' }]);
    off();
    ipcRenderer.emit('profiles.changed', ipcEvent, { activeProfileId: 'prod' });
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount('profiles.changed')).toBe(0);
  });
});
