import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { ExportProgress } from '../../shared/history';
import { makeOrder } from '../support/orders';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'desk-export-'));
const sort = { column: 'createdAt', direction: 'asc' } as const;

async function storeWith(orders: ReturnType<typeof makeOrder>[]) {
  const store = inlineStore(path.join(dir(), 'cache.sqlite'));
  const cursor = await store.orders.cursor('gcp');
  await store.orders.applyPage('gcp', orders, cursor, new Date().toISOString());
  return store;
}

describe('CSV export of cached history', () => {
  it('round-trips quotes, commas, newlines and unicode exactly', async () => {
    const awkward = [
      makeOrder(1, {
        supplier: 'gcp',
        name: 'O’Brien, "Zoë"',
        email: 'zoë@example.com',
        product: 'Café, Crème & "Co"',
      }),
      makeOrder(2, { supplier: 'gcp', name: '田中 太郎', product: 'Line one\nline two' }),
      makeOrder(3, { supplier: 'gcp', name: 'Ана 😀', product: 'Plain' }),
    ];
    const store = await storeWith(awkward);
    const file = path.join(dir(), 'out.csv');
    await store.orders.exportCsv(file, {}, sort, 'x', () => {});
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    expect(rows[0]!.Recipient).toBe('O’Brien, "Zoë" · zoë@example.com');
    expect(rows[0]!.Products).toBe('Café, Crème & "Co"');
    expect(rows[1]!.Products).toBe('Line one\nline two');
    expect(rows[1]!.Recipient!.startsWith('田中 太郎')).toBe(true);
    expect(rows[2]!.Recipient!.startsWith('Ана 😀')).toBe(true);
    expect(rows.map((r) => r.Reference)).toEqual(['ref-000001', 'ref-000002', 'ref-000003']);
    expect(rows[0]).toMatchObject({
      Supplier: 'GiftCard Partners',
      State: 'fulfilled',
      'Face value': '25',
      Currency: 'USD',
      // The supplier returned no total: what the deposit paid is not known, and not guessed.
      'Deposit cost': '',
    });
    await store.close();
  });

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    const store = await storeWith([
      makeOrder(1, { supplier: 'gcp', name: '=HYPERLINK("http://evil")', product: '+cmd' }),
    ]);
    const file = path.join(dir(), 'out.csv');
    await store.orders.exportCsv(file, {}, sort, 'x', () => {});
    const [row] = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(row!.Recipient!.startsWith(`'=HYPERLINK`)).toBe(true);
    expect(row!.Products).toBe(`'+cmd`);
    await store.close();
  });

  it('neutralises every cell, dates and currencies included, and writes an unparseable date as "unparseable"', async () => {
    const hostile = makeOrder(1, {
      supplier: 'gcp',
      reference: '@SUM(1+1)',
      id: '-2+3',
      supplierStatus: '=cmd|"/c calc"!A0',
      createdAt: '=NOW()',
      name: '\t=1+1',
      product: '\r=1+1',
    });
    hostile.total = 25;
    hostile.items = hostile.items.map((item) => ({ ...item, currency: '=USD' }));
    const dated = makeOrder(2, { supplier: 'gcp', createdAt: '2026-03-04T05:06:07+02:00' });
    const store = await storeWith([hostile, dated]);
    const file = path.join(dir(), 'hostile.csv');
    await store.orders.exportCsv(file, {}, sort, 'x', () => {});
    const rows = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    const bad = rows.find((r) => r['Created (UTC)'] !== '2026-03-04T03:06:07.000Z')!;
    for (const value of rows.flatMap((r) => Object.values(r))) expect(value).not.toMatch(/^[=+\-@\t\r\n]/);
    expect(bad['Created (UTC)']).toBe('unparseable');
    expect(bad.Reference).toBe(`'@SUM(1+1)`);
    expect(bad['Supplier order id']).toBe(`'-2+3`);
    expect(bad['Supplier status']).toBe(`'=cmd|"/c calc"!A0`);
    if (bad.Currency) expect(bad.Currency).toBe(`'=USD`);
    await store.close();
  });

  it('exports only the current filter, reports progress, and leaves no partial file', async () => {
    const orders = Array.from({ length: 4500 }, (_, i) =>
      makeOrder(i + 1, { supplier: 'gcp', state: i % 3 === 0 ? 'failed' : 'fulfilled' }),
    );
    const store = await storeWith(orders);
    const folder = dir();
    const file = path.join(folder, 'failed.csv');
    const progress: ExportProgress[] = [];
    const done = await store.orders.exportCsv(file, { state: 'failed' }, sort, 'e1', (p) => progress.push(p));
    expect(done).toMatchObject({ done: true, rowsWritten: 1500, totalRows: 1500, file });
    expect(progress.map((p) => p.rowsWritten)).toEqual([1500, 1500]);
    const rows = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.every((r) => r.State === 'failed')).toBe(true);
    expect(readdirSync(folder)).toEqual(['failed.csv']);
    await expect(
      store.orders.exportCsv(path.join(folder, 'missing-dir', 'x.csv'), {}, sort, 'e2', () => {}),
    ).rejects.toThrow();
    expect(existsSync(path.join(folder, 'missing-dir'))).toBe(false);
    await store.close();
  });
});
