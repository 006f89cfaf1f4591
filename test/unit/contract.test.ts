import { describe, expect, it } from 'vitest';
import { channelNames, channels, eventNames, isChannelName } from '../../shared/contract';
import { buildDesk, type DeskTransport } from '../../shared/desk-api';

describe('contract', () => {
  it('names every channel as namespace.method and gives it a zod input schema', () => {
    expect(channelNames).toEqual(expect.arrayContaining(['app.info', 'profiles.list']));
    for (const name of channelNames) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(typeof channels[name].input.safeParse).toBe('function');
    }
    for (const name of eventNames) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it('does not treat inherited object keys as channels', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(isChannelName(name)).toBe(false);
    }
  });

  it('builds one callable per channel from the names alone', async () => {
    const calls: Array<[string, unknown]> = [];
    const transport: DeskTransport = {
      invoke: async (channel, input) => {
        calls.push([channel, input]);
        return { ok: true, value: null };
      },
      subscribe: () => () => {},
    };
    const desk = buildDesk(transport);
    await desk.app.info();
    await desk.profiles.list();
    expect(calls).toEqual([
      ['app.info', undefined],
      ['profiles.list', undefined],
    ]);
    expect(Object.isFrozen(desk)).toBe(true);
    expect(Object.isFrozen(desk.app)).toBe(true);
  });

  it('refuses to subscribe to an event the contract does not declare', () => {
    const desk = buildDesk({ invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} });
    expect(() => desk.on('no.such' as 'profiles.changed', () => {})).toThrow(/Unknown event/);
  });
});
