import type Database from 'better-sqlite3';
import type { SupplierOrder } from '../shared/orders';

/** Deterministic, realistic-looking data for the cache benchmarks. */
const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Eli',
  'Fatima',
  'Gus',
  'Hana',
  'Ivan',
  'Jun',
  'Kofi',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tariq',
];
const LAST = [
  'Lim',
  'Okafor',
  'Novak',
  'Silva',
  'Tanaka',
  'Murphy',
  'Haddad',
  'Kowalski',
  'Nguyen',
  'Garcia',
  'Rossi',
  'Schmidt',
  'Dubois',
  'Khan',
  'Moreau',
];
const BRANDS = [
  'Harbor Kitchen',
  'Maple Cinemas',
  'Cobalt Audio',
  'Juniper Spa',
  'Summit Outfitters',
  'Lantern Books',
  'Orchid Gems',
  'Granite Hardware',
  'Willow Toys',
  'Saffron Noodle Bar',
];

export function referenceOf(n: number): string {
  return `ref-${n.toString(36).padStart(6, '0')}-${(n * 7919) % 10007}`;
}

function person(n: number) {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  return {
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${n % 977}@example.com`,
  };
}

/** Inserts `count` orders straight into a migrated cache (triggers keep the search index), fast. */
export function seedOrders(db: Database.Database, count: number): void {
  const insert =
    db.prepare(`INSERT INTO orders (supplier, supplier_order_id, reference, supplier_status, state, created_at,
    total, currency, item_count, error_count, recipient, products, synced_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'USD', 1, ?, ?, ?, ?)`);
  const start = Date.UTC(2024, 0, 1);
  const syncedAt = new Date().toISOString();
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const who = person(n);
      const failed = n % 17 === 0;
      insert.run(
        n % 2 ? 'gcp' : 'ascenda',
        `ord-${n}`,
        referenceOf(n),
        failed ? 'Failed' : 'Completed',
        failed ? 'failed' : 'fulfilled',
        new Date(start + n * 30_000).toISOString(),
        25 + (n % 8) * 25,
        failed ? 1 : 0,
        `${who.name} · ${who.email}`,
        BRANDS[n % BRANDS.length]!,
        syncedAt,
      );
    }
  });
  for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
}

/** Domain orders as a sync page delivers them. */
export function syncOrders(offset: number, count: number): SupplierOrder[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const who = person(n);
    return {
      supplier: 'ascenda' as const,
      id: `sync-${n}`,
      reference: referenceOf(n + 5_000_000),
      supplierStatus: 'accepted',
      createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
      transactedAt: null,
      memberId: null,
      deliveryType: null,
      total: null,
      items: [
        {
          id: `item-${n}`,
          kind: 'gift_card' as const,
          membershipId: null,
          state: 'fulfilled' as const,
          supplierStatus: 'fulfilled',
          productId: `gc-${n % 520}`,
          productName: BRANDS[n % BRANDS.length]!,
          value: 50,
          currency: 'USD',
          quantity: 1,
          recipient: { email: who.email, phone: null, name: who.name },
          errors: [],
          rewardsIssued: 0,
        },
      ],
    };
  });
}
