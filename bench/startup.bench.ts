/**
 * `npm run bench` (third part): the desk through the browser bridge in Debian's Chromium, with a 1M-order cache.
 *   1. cold start to interactive: the bridge process is started, the page opens, History shows its first cached
 *      row (no supplier has answered anything yet)                 target: ≤ 2× the baseline and < 1.5 s median
 *      baseline: a bare Node HTTP server process started and a static page shown in the same browser
 *   2. renderer heap after jumping to order 1,000,000 and searching (after a GC)   target: < 150 MB
 *      baseline: the heap of a blank page in the same browser
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright';
import { openDatabase } from '../main/store/sqlite/open-database';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/system-browser';
import { spawnBridge } from '../test/e2e/spawn-bridge';
import { seedOrders } from './seed';
import { median } from './stats';
import { dataPaths } from '../main/environment/data-paths';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = 5;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-startup-'));
const seeding = performance.now();
const db = openDatabase(dataPaths(dataDir).cacheFile('sandbox'));
seedOrders(db, ORDERS);
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
console.log(
  `seeded ${ORDERS.toLocaleString()} cached orders in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
);

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

async function desk(page: Page): Promise<number> {
  const started = performance.now();
  const bridge = await spawnBridge([], dataDir);
  await page.goto(bridge.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click();
  await page
    .getByRole('table', { name: 'Cached orders' })
    .getByRole('row')
    .nth(1)
    .getByRole('cell')
    .nth(2)
    .waitFor();
  const ms = performance.now() - started;
  await bridge.stop();
  return ms;
}

/** The floor: start a Node process that serves one static page, and show that page. */
async function baseline(page: Page): Promise<number> {
  const started = performance.now();
  const server = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, r) => r.end('<!doctype html><title>x</title><p>ready</p>'))
        .listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve) =>
    server.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  await page.goto(url);
  await page.getByText('ready').waitFor();
  const ms = performance.now() - started;
  server.kill();
  return ms;
}

const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await desk(page); // the first start also warms the OS file cache; every run after is timed
const deskRuns: number[] = [];
const baseRuns: number[] = [];
for (let i = 0; i < RUNS; i++) {
  deskRuns.push(await desk(page));
  baseRuns.push(await baseline(page));
}
const start = median(deskRuns);
const base = median(baseRuns);

// Memory: a bridge left running, the table jumped to its last row, then a search, then a GC.
const bridge = await spawnBridge([], dataDir);
const heapPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await heapPage.goto(bridge.url);
await heapPage.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click();
const table = heapPage.getByRole('table', { name: 'Cached orders' });
await table.getByRole('row').nth(1).focus();
await heapPage.keyboard.press('End');
await table
  .locator(`[data-index="${ORDERS - 1}"]`)
  .getByRole('cell')
  .nth(2)
  .waitFor();
await heapPage.getByLabel('Search orders').fill('Tanaka');
await heapPage
  .getByRole('status')
  .filter({ hasText: 'cached orders match' })
  .filter({ hasNotText: ORDERS.toLocaleString('en-US') })
  .waitFor();
const heapOf = async (p: Page) => {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
};
const heap = await heapOf(heapPage);
const blank = await browser.newPage();
await blank.goto('about:blank');
const blankHeap = await heapOf(blank);
await bridge.stop();
await browser.close();

const row = (name: string, desk: string, raw: string, ratio: string, ok: boolean) =>
  console.log(
    `${name.padEnd(50)} ${desk.padEnd(10)} ${raw.padEnd(26)} ${ratio.padEnd(12)} ${ok ? 'ok' : 'MISSED'}`,
  );
console.log(`\n${'benchmark'.padEnd(50)} ${'desk'.padEnd(10)} ${'raw baseline'.padEnd(26)} ratio`);
row(
  `cold start to cached History (${ORDERS.toLocaleString()} orders)`,
  `${start.toFixed(0)} ms`,
  `${base.toFixed(0)} ms (bare server + page)`,
  `${(start / base).toFixed(1)}× raw`,
  start < 1500 && start / base <= 2,
);
row(
  `renderer heap, ${ORDERS.toLocaleString()} orders, end + search`,
  `${heap.toFixed(1)} MB`,
  `${blankHeap.toFixed(1)} MB (blank page)`,
  `${(heap / blankHeap).toFixed(1)}× raw`,
  heap < 150,
);
