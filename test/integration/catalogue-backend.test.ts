import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { Clock } from '../../main/time/clock';
import { CatalogueService } from '../../main/services/catalogue/catalogue';
import type { CatalogueSnapshot, GiftCard } from '../../shared/catalogue';
import type { SandboxEndpoints } from '../../shared/domain';
import { deskCall } from '../support/desk-call';

/** The catalogue cache on the Sandbox profile: TTLs on a movable clock, refresh, vanished cards. */
let backend: Backend;
let sim: SandboxEndpoints;
/** Wall and monotonic time together, moved by the test. */
let now = Date.now();
const clock: Clock = { now: () => now, monotonic: () => now };
let catalogue: CatalogueService;
const updates: string[] = [];
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-cat-')),
    version: '0',
    logToConsole: false,
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
  const { profiles, clients, stores, logger } = backend.services;
  // The same collaborators the desk uses, with a clock the test moves.
  catalogue = new CatalogueService({
    profiles,
    clients,
    stores,
    logger,
    onUpdated: (id) => updates.push(id),
    clock,
  });
});
afterAll(() => backend.close());

const count = (snapshot: CatalogueSnapshot, supplier: 'ascenda' | 'gcp') =>
  snapshot.entries.filter((e) => e.item.supplier === supplier && e.available).length;

describe('catalogue cache', () => {
  it('starts empty and stale, refreshes both listings in the background, then serves them from the cache', async () => {
    const first = await catalogue.snapshot();
    expect(first.entries).toEqual([]);
    expect(first.freshness.ascenda).toMatchObject({ fetchedAt: null, stale: true, refreshing: true });
    const full = await catalogue.refresh();
    expect(count(full, 'ascenda')).toBe(520);
    expect(count(full, 'gcp')).toBe(220);
    expect(full.freshness.ascenda).toMatchObject({ stale: false, refreshing: false, error: null });
    expect(updates.length).toBeGreaterThanOrEqual(2);
    const shipping = await catalogue.shippingOptions();
    expect(shipping.shippingMethods.length).toBeGreaterThan(0);
  });

  it('never shows Ascenda as fresh after an hour; keeps GiftCard Partners a week', async () => {
    const start = now;
    now = start + 59 * 60_000;
    expect((await catalogue.snapshot()).freshness.ascenda.stale).toBe(false);
    now = start + 61 * 60_000;
    const hourLater = await catalogue.snapshot();
    expect(hourLater.freshness.ascenda).toMatchObject({ stale: true, refreshing: true });
    expect(hourLater.freshness.gcp.stale).toBe(false);
    expect(count(hourLater, 'ascenda')).toBe(520); // still shown, labelled stale, while it refetches
    const refreshed = await catalogue.refresh(['ascenda']);
    expect(refreshed.freshness.ascenda.fetchedAt).toBe(new Date(now).toISOString());
    now = start + 8 * 24 * 3600_000;
    expect((await catalogue.snapshot()).freshness.gcp.stale).toBe(true);
    await catalogue.refresh();
  });

  it('marks a card the supplier withdrew unavailable; the order form cannot find it and placing it is refused clearly', async () => {
    const cards = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
    const card = cards[0]!;
    // The test's clock wrote that listing 8 days ahead of the desk's real one: a fetch time in the future is never
    // fresh, so the search started a refresh. Let it finish before the card is withdrawn.
    await call('catalogue.refresh', { supplier: 'ascenda' });
    const response = await fetch(`${sim.ascenda}/__sandbox/gift-cards/${card.id}/withdraw`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const after = await call<CatalogueSnapshot>('catalogue.refresh', { supplier: 'ascenda' });
    const entry = after.entries.find((e) => e.item.id === card.id)!;
    expect(entry.available).toBe(false);
    expect(count(after, 'ascenda')).toBe(519);
    expect((await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: card.id })).length).toBe(
      0,
    );
    const placing = call('placements.place', {
      order: {
        supplier: 'ascenda',
        reference: `gone-${randomUUID()}`,
        memberId: randomUUID(),
        giftCardId: card.id,
        value: card.denominations[0],
        currency: card.currency,
        recipient: { email: 'member@example.com', phoneNumber: '+6591234567' },
      },
    });
    await expect(placing).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(placing).rejects.toThrow(`is no longer in Ascenda's catalogue`);
  });

  it('keeps the cache and says why when a refresh fails', async () => {
    await fetch(`${sim.gcp}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'credentials_disabled', route: 'GET /v1/Products', times: 1 }),
    });
    const failed = await catalogue.refresh(['gcp']);
    expect(failed.freshness.gcp.error).toMatch(/Credentials refused|access/i);
    expect(count(failed, 'gcp')).toBe(220);
  });

  const misbehave = (body: Record<string, unknown>) =>
    fetch(`${sim.ascenda}/__sandbox/misbehave`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('keeps a card the listing sent unreadable as it was cached (not withdrawn), and caches the rest', async () => {
    const before = await catalogue.refresh(['ascenda']);
    const card = before.entries.find((e) => e.item.supplier === 'ascenda' && e.available)!.item as GiftCard;
    await misbehave({ garbledIds: [card.id] });
    try {
      const after = await catalogue.refresh(['ascenda']);
      expect(after.freshness.ascenda.error).toBeNull();
      expect(count(after, 'ascenda')).toBe(count(before, 'ascenda'));
      const kept = after.entries.find((e) => e.item.id === card.id)!;
      expect(kept).toMatchObject({ available: true, item: { denominations: card.denominations } });
    } finally {
      await misbehave({ garbledIds: [] });
    }
  });

  it('stops a listing that repeats its first page, says so, and keeps the cached catalogue', async () => {
    const before = await catalogue.refresh(['ascenda']);
    await misbehave({ ignorePageParam: true });
    try {
      const looping = await catalogue.refresh(['ascenda']);
      expect(looping.freshness.ascenda.error).toMatch(
        /answered page 2 with exactly the records of page 1: the listing does not move on; the cached catalogue was kept/,
      );
      expect(count(looping, 'ascenda')).toBe(count(before, 'ascenda'));
    } finally {
      await misbehave({ ignorePageParam: false });
    }
  });
});
