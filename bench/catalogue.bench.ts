/**
 * `npm run bench` (second part): a filter keystroke on the Catalogue screen over 10,000 items, against a bare
 * `Array.filter` on the names measured in the same run. The items are the Sandbox's own, read through the real
 * clients from the simulators (9,780 Ascenda cards + 220 GiftCard Partners products).
 *   target: ≤ 1.5× the bare filter and < 16 ms median per keystroke (one frame), so typing never drops a frame.
 * The snapshot is sorted once per sort order (the screen's first filter pays it); each keystroke only filters.
 */
import { startSandbox } from '../main/sandbox/sandbox-pair';
import type { CatalogueEntry, CatalogueItem } from '../shared/catalogue';
import { filterRows, toRows } from '../renderer/screens/catalogue/catalogue-filter';
import { ascendaClient, gcpClient } from '../test/support/clients';
import { fmt, median, timePairs } from './stats';

// The rate limit is lifted: this measures filtering, not fetching.
const pair = await startSandbox({
  ascenda: { giftCardCount: 9_780, rateLimit: { perSecond: 100_000, burst: 100_000, retryAfterSeconds: 1 } },
});
const { client: ascenda } = ascendaClient(pair.urls.ascenda);
const { client: gcp } = gcpClient(pair.urls.gcp);
const items: CatalogueItem[] = [];
for (let page = 1; ; page++) {
  const result = await ascenda.listGiftCards({ page, pageSize: 100 });
  items.push(...result.items);
  if (page >= (result.totalPages ?? page)) break;
}
for (let page = 1; ; page++) {
  const result = await gcp.listProducts(page);
  items.push(...result.items);
  if (page >= (result.totalPages ?? page)) break;
}
await pair.stop();

const now = new Date().toISOString();
const entries: CatalogueEntry[] = items.map((item) => ({ item, fetchedAt: now, available: true }));
const rows = toRows(entries);
const names = entries.map((e) => e.item.name.toLowerCase());
// What an agent types, one keystroke at a time: every prefix of a few searches.
const keystrokes = ['aurora books', 'harbor', 'summit sg', 'gc_04', 'product'].flatMap((word) =>
  Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)),
);
const sort = { column: 'name', direction: 'asc' } as const;
const criteria = (text: string) => ({ text, showUnavailable: false });
const deskKeystroke = (text: string) => filterRows(rows, criteria(text), sort);
const rawKeystroke = (text: string) => names.filter((n) => n.includes(text));
for (let i = 0; i < 3; i++) timePairs(keystrokes, deskKeystroke, rawKeystroke);
const [deskRuns, rawRuns] = timePairs(keystrokes, deskKeystroke, rawKeystroke);
const desk = median(deskRuns);
const raw = median(rawRuns);
const verdict = desk < 16 && desk / raw <= 1.5 ? 'ok' : 'MISSED';
console.log(
  `\ncatalogue filter keystroke (${rows.length.toLocaleString()} items)  desk ${fmt(desk)}  raw Array.filter ${fmt(raw)}  ${(desk / raw).toFixed(2)}× raw  ${verdict}`,
);
