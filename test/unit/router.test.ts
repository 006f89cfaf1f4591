import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../main/ipc/router';
import { AppError } from '../../shared/errors';
import type { Profile } from '../../shared/domain';

const sandbox: Profile = {
  id: 'sandbox',
  name: 'Sandbox',
  environment: 'sandbox',
  builtIn: true,
  ascendaRegion: 'custom',
  ascendaBaseUrl: '',
  gcpBaseUrl: '',
  pointRates: { USD: 0.01 },
  legacyRate: null,
  maxOrderValues: {},
  duplicateWindowDays: 7,
  unknownStatusAlertHours: 4,
  agentName: 'Test agent',
  lowBalanceThresholds: [1000, 250],
  fundingPortalUrl: '',
  depositCurrency: 'USD',
};

function router(overrides: Partial<Handlers> = {}, onInternalError = vi.fn()) {
  // Only the channels these tests call; the router never touches the others.
  const handlers = {
    'app.info': (_input, ctx) => ({
      name: 'Fulfillment Desk',
      version: '1.0.0',
      dataDir: '/tmp/x',
      activeProfile: sandbox,
      transport: ctx.transport,
      warnings: [],
    }),
    'profiles.list': () => [sandbox],
    'sandbox.endpoints': () => ({ ascenda: 'http://127.0.0.1:1', gcp: 'http://127.0.0.1:2' }),
    ...overrides,
  } as Handlers;
  return { router: createRouter(handlers, { onInternalError }), onInternalError };
}

describe('router', () => {
  it('answers a valid call with an ok envelope carrying the service value', async () => {
    const result = await router().router.dispatch('profiles.list', undefined, { transport: 'bridge' });
    expect(result).toEqual({ ok: true, value: [sandbox] });
  });

  it('passes the transport to the service', async () => {
    const result = await router().router.dispatch('app.info', undefined, { transport: 'electron' });
    expect(result.ok && (result.value as { transport: string }).transport).toBe('electron');
  });

  it('rejects wrong input with VALIDATION and never calls the service', async () => {
    const list = vi.fn(() => [sandbox]);
    const { router: r } = router({ 'profiles.list': list });
    for (const input of [42, 'x', {}, [], null, { __proto__: { polluted: true } }]) {
      const result = await r.dispatch('profiles.list', input, { transport: 'bridge' });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('VALIDATION');
      expect(!result.ok && result.error.message).toContain('profiles.list');
    }
    expect(list).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers UNKNOWN_CHANNEL for names outside the contract, including prototype keys', async () => {
    const { router: r } = router();
    for (const channel of ['orders.drop', '__proto__', 'constructor', 42, null, 'x'.repeat(10_000)]) {
      const result = await r.dispatch(channel, undefined, { transport: 'bridge' });
      expect(!result.ok && result.error.code).toBe('UNKNOWN_CHANNEL');
      expect(!result.ok && result.error.message.length).toBeLessThan(200);
    }
  });

  it('turns an AppError from a service into its own code and message', async () => {
    const { router: r } = router({
      'profiles.list': () => {
        throw new AppError('NOT_FOUND', 'No profiles file', { file: 'profiles.json' });
      },
    });
    const result = await r.dispatch('profiles.list', undefined, { transport: 'bridge' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No profiles file', details: { file: 'profiles.json' } },
    });
  });

  it('turns any other failure into INTERNAL without leaking its message, and reports it', async () => {
    const boom = new Error('secret=hunter2 at /home/agent/.config');
    const { router: r, onInternalError } = router({
      'profiles.list': async () => {
        throw boom;
      },
    });
    const result = await r.dispatch('profiles.list', undefined, { transport: 'bridge' });
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain('hunter2');
    // The agent gets an id to quote; the same id is what the log line is filed under.
    const errorId = !result.ok && (result.error.details as { errorId: string }).errorId;
    expect(errorId).toMatch(/^[0-9a-f]{10}$/);
    expect(!result.ok && result.error.message).toContain(`error id ${errorId}`);
    expect(onInternalError).toHaveBeenCalledWith('profiles.list', boom, errorId);
  });
});
