import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/sqlite/open-database';
import { PlacementsStore } from '../../main/store/sqlite/placements-store';
import type { GiftCard } from '../../shared/catalogue';
import { ascendaDraft } from '../support/orders';

const card = { id: 'gc-1', denominations: [50], currency: 'SGD' } as GiftCard;

describe('journal search (the Lookup box)', () => {
  it('finds the same placements, newest first, as a union of the three index reads', () => {
    const db = openDatabase(':memory:');
    const store = new PlacementsStore(db);
    for (let n = 0; n < 60; n++) {
      const supplier = n % 3 === 0 ? 'gcp' : 'ascenda';
      // Some references are on both suppliers; some placements have a supplier order id or a member id.
      const reference = n % 10 === 9 ? `ref-${n - 1}` : `ref-${n}`;
      const { placement } = store.create({
        profileId: 'sandbox',
        supplier,
        reference,
        order: { ...ascendaDraft(card, reference), supplier } as never,
        memberId: n % 4 === 0 ? `member-${n % 8}` : null,
        agent: 'ana',
        at: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
        transactedAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
        points: null,
        intentOverride: null,
      });
      if (n % 5 === 0)
        db.prepare('UPDATE placements SET supplier_order_id = ? WHERE id = ?').run(`ord-${n}`, placement.id);
    }
    const plain = db.prepare(
      `SELECT * FROM placements WHERE reference >= @text AND reference < @upper
       UNION SELECT * FROM placements WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id = @text
       UNION SELECT * FROM placements WHERE member_id = @text
       ORDER BY id DESC LIMIT @limit`,
    );
    for (const text of [
      'ref-1',
      'ref-18',
      'ref-5',
      'ord-10',
      'ord-1',
      'member-4',
      'member-0',
      'ref-',
      'nothing',
      '',
    ])
      for (const limit of [3, 20]) {
        const expected = (
          plain.all({ text, upper: `${text}\u{10FFFF}`, limit }) as Array<{ id: number }>
        ).map((r) => r.id);
        expect(
          store.search(text, limit).map((r) => r.placement.id),
          JSON.stringify({ text, limit }),
        ).toEqual(expected);
      }
    expect(store.search('ref-18', 20).map((r) => r.match)).toEqual(['exact', 'exact']);
  });
});
