import { expect, test } from '@playwright/test';
import type {} from '../../renderer/desk';
import { channelNames } from '../../shared/contract';
import { fuzzEveryChannel } from '../support/desk-fuzz';
import { fillAscendaMember, pickFirstItem } from '../support/order-form-page';
import { skipReason, withDesk } from './desk-app';

test.skip(skipReason !== '', skipReason);

test('the desktop app opens on the Sandbox profile with a locked-down renderer', async () => {
  await withDesk(async (page) => {
    await expect(page.getByRole('region', { name: 'About this desk' })).toContainText('Desktop app');
    expect(page.url()).toBe('app://desk/index.html');
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      desk: typeof window.desk,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', desk: 'object' });
    await page.screenshot({ path: 'test-results/electron/shell.png' });
    // Through real Electron IPC: the Settings screen reaches the started-on-demand simulators.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Test Ascenda connection' }).click();
    await expect(page.getByRole('status', { name: 'Ascenda connection result' })).toContainText(
      '✓ Connected',
    );
    // A placement over real IPC, its timeline arriving as placements.updated events.
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Place order' })
      .click();
    const form = await pickFirstItem(page);
    await fillAscendaMember(form);
    await form.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('status', { name: 'Placement status' })).toHaveText(/^Confirmed/, {
      timeout: 15_000,
    });
  });
});

test('the desktop window runs no injected script, never navigates away and opens no window', async () => {
  await withDesk(async (page, app) => {
    // The CSP (a header from our app:// handler) refuses inline script.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    // window.open is denied (an http(s) link would go to the OS browser, not a new Electron window).
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    // Navigation away from the app is prevented: the page stays ours.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
    expect(page.url()).toBe('app://desk/index.html');
  });
});

test('over real IPC every channel refuses hostile input with VALIDATION, and no frame reaches the desk', async () => {
  await withDesk(async (page) => {
    const { calls, kinds, problems } = await page.evaluate(fuzzEveryChannel, [...channelNames]);
    expect(problems).toEqual([]);
    expect(calls).toBe(channelNames.length * kinds);
    // Our own page in a frame: refused by the CSP, and the preload never runs in subframes.
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.src = 'app://desk/index.html';
      document.body.append(frame);
    });
    await expect.poll(() => page.frames().length).toBe(2);
    expect(await page.frames()[1]!.evaluate(() => typeof window.desk)).toBe('undefined');
    expect(await page.evaluate(() => window.desk!.app.info())).toMatchObject({ ok: true });
  });
});
