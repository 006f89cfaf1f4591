import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BalanceStore } from '../../main/store/sqlite/balance-store';
import { MIGRATIONS, migrate } from '../../main/store/sqlite/migrate';
import { openDatabase } from '../../main/store/sqlite/open-database';

const reading = (at: string, available: number, currency = 'USD') => ({
  at,
  available,
  pending: 0,
  currency,
});

describe('balance store', () => {
  it('orders readings by arrival: a reading stamped in the future never stays the latest', () => {
    const store = new BalanceStore(openDatabase(':memory:'));
    store.add(reading('2026-11-20T10:00:00.000Z', 2500));
    // The machine clock was three days ahead for one reading, then put right.
    store.add(reading('2026-11-23T10:01:00.000Z', 2400));
    store.add(reading('2026-11-20T10:02:00.000Z', 2300));
    expect(store.latest()).toMatchObject({ available: 2300, at: '2026-11-20T10:02:00.000Z' });
    expect(store.readingsSince('2026-11-01T00:00:00.000Z').map((r) => r.available)).toEqual([
      2500, 2400, 2300,
    ]);
  });

  it('reads a window with the reading that arrived just before it, or only the latest when none is recent', () => {
    const store = new BalanceStore(openDatabase(':memory:'));
    expect(store.readingsSince('2026-11-01T00:00:00.000Z')).toEqual([]);
    store.add(reading('2026-11-01T00:00:00.000Z', 3000));
    store.add(reading('2026-11-10T00:00:00.000Z', 2000));
    store.add(reading('2026-11-12T00:00:00.000Z', 1500));
    expect(store.readingsSince('2026-11-11T00:00:00.000Z').map((r) => r.available)).toEqual([2000, 1500]);
    expect(store.readingsSince('2026-12-01T00:00:00.000Z').map((r) => r.available)).toEqual([1500]);
  });

  it('knows the first currency a reading named', () => {
    const store = new BalanceStore(openDatabase(':memory:'));
    store.add(reading('2026-11-01T00:00:00.000Z', 3000, ''));
    expect(store.firstCurrency()).toBeNull();
    store.add(reading('2026-11-01T00:01:00.000Z', 3000, 'EUR'));
    store.add(reading('2026-11-01T00:02:00.000Z', 3000, 'USD'));
    expect(store.firstCurrency()).toBe('EUR');
  });

  it('clears an alert once, and remembers when each key was last raised by arrival', () => {
    const store = new BalanceStore(openDatabase(':memory:'));
    const base = {
      kind: 'low_balance' as const,
      title: 'Deposit below USD 1,000.00',
      body: '',
      currency: 'USD',
      threshold: 1000,
      missing: null,
      cover: null,
      reference: null,
    };
    const first = store.recordAlert({ ...base, key: 'low:1000', at: '2026-11-23T10:00:00.000Z' });
    const second = store.recordAlert({ ...base, key: 'low:1000', at: '2026-11-20T10:00:00.000Z' });
    expect(store.active().map((a) => a.id)).toEqual([second.id, first.id]);
    expect(store.clearAlert(first.id, '2026-11-20T11:00:00.000Z', 'Available is back')).toBe(true);
    expect(store.clearAlert(first.id, '2026-11-20T12:00:00.000Z', 'again')).toBe(false);
    expect(store.active().map((a) => a.id)).toEqual([second.id]);
    expect(store.recent(5)[1]).toMatchObject({
      clearedAt: '2026-11-20T11:00:00.000Z',
      clearedReason: 'Available is back',
    });
    expect(store.lastRaised()).toEqual({ 'low:1000': '2026-11-20T10:00:00.000Z' });
  });

  it('migration 7 keeps only each threshold’s newest alert in force and closes the rest as history', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 6),
    );
    const insert = db.prepare('INSERT INTO balance_alerts (alert_key, at, payload) VALUES (?, ?, ?)');
    const legacy = (key: string, at: string, kind: string) =>
      insert.run(
        key,
        at,
        JSON.stringify({
          kind,
          key,
          at,
          title: key,
          body: '',
          currency: 'USD',
          missing: null,
          reference: null,
        }),
      );
    legacy('low:1000', '2026-11-01T00:00:00.000Z', 'low_balance');
    legacy('low:1000', '2026-11-02T00:00:00.000Z', 'low_balance');
    legacy('insufficient_funds', '2026-11-02T00:00:00.000Z', 'insufficient_funds');
    expect(migrate(db, MIGRATIONS.slice(0, 7))).toEqual([7]);
    const store = new BalanceStore(db);
    const active = store.active();
    expect(active).toHaveLength(1);
    // An alert written before the lifecycle gets its threshold from its key, so the next reading can clear it.
    expect(active[0]).toMatchObject({
      key: 'low:1000',
      at: '2026-11-02T00:00:00.000Z',
      threshold: 1000,
      cover: null,
    });
    expect(store.recent(5).filter((a) => a.clearedAt !== null)).toHaveLength(2);
  });
});
