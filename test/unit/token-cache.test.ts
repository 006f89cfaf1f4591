import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../main/providers/token-cache';

function fetcher(lifetimeMs: number, now: () => number) {
  let n = 0;
  let release: () => void = () => {};
  const gate = () => new Promise<void>((resolve) => (release = resolve));
  const fetch = async () => {
    n += 1;
    const value = `token-${n}`;
    await gate();
    return { value, expiresAt: now() + lifetimeMs };
  };
  return { fetch, count: () => n, release: () => release() };
}

describe('token cache', () => {
  it('shares one in-flight fetch among concurrent callers', async () => {
    let now = 0;
    const f = fetcher(3_600_000, () => now);
    const cache = new TokenCache(f.fetch, () => now);
    const waiting = Promise.all([cache.get(), cache.get(), cache.get()]);
    await Promise.resolve();
    f.release();
    expect(await waiting).toEqual(['token-1', 'token-1', 'token-1']);
    expect(f.count()).toBe(1);
    now += 1000;
    expect(await cache.get()).toBe('token-1');
  });

  it('refreshes once the token is within the skew of its expiry', async () => {
    let now = 0;
    const f = fetcher(120_000, () => now);
    const cache = new TokenCache(f.fetch, () => now, 60_000);
    const first = cache.get();
    await Promise.resolve();
    f.release();
    expect(await first).toBe('token-1');
    now = 60_001;
    const second = cache.get();
    await Promise.resolve();
    f.release();
    expect(await second).toBe('token-2');
  });

  it('drops a token on 401 only if it is still current, so a burst of 401s refreshes once', async () => {
    const now = 0;
    const f = fetcher(3_600_000, () => now);
    const cache = new TokenCache(f.fetch, () => now);
    const first = cache.get();
    await Promise.resolve();
    f.release();
    await first;
    cache.invalidate('token-1');
    const second = cache.get();
    await Promise.resolve();
    cache.invalidate('token-1'); // a late 401 from the old token must not drop the new one
    f.release();
    expect(await second).toBe('token-2');
    expect(await cache.get()).toBe('token-2');
    expect(f.count()).toBe(2);
  });

  it('lets a failed fetch be retried by the next caller', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('refused');
      return { value: 'ok', expiresAt: Date.now() + 3_600_000 };
    });
    await expect(cache.get()).rejects.toThrow('refused');
    expect(await cache.get()).toBe('ok');
  });
});
