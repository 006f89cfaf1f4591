import type { Browser, Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { spawnBridge, type RunningBridge } from './spawn-bridge';

export interface SyncedDesk {
  bridge: RunningBridge;
  page: Page;
  /** The Sandbox simulators' URLs (their control API drives faults and clocks). */
  sim: { ascenda: string; gcp: string };
}

/**
 * A bridge of its own with the seeded history synced into its cache (and the catalogue fetched, when asked), and
 * a page from an explicit context (AxeBuilder needs one) at the given height.
 */
export async function openSyncedDesk(
  browser: Browser,
  { height, refreshCatalogue = false }: { height: number; refreshCatalogue?: boolean },
): Promise<SyncedDesk> {
  const bridge = await spawnBridge();
  const context = await browser.newContext({ viewport: { width: 1440, height } });
  const page = await context.newPage();
  await page.goto(bridge.url);
  const endpoints = await page.evaluate(() => window.desk!.sandbox.endpoints());
  if (!endpoints.ok) throw new Error(endpoints.error.message);
  await page.evaluate(async (catalogue) => {
    if (catalogue) await window.desk!.catalogue.refresh({});
    await window.desk!.history.sync({});
    for (;;) {
      const status = await window.desk!.history.status();
      if (status.ok && status.value.every((s) => s.state === 'done')) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, refreshCatalogue);
  return { bridge, page, sim: endpoints.value };
}
