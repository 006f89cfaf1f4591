import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { fillAscendaMember, pickFirstItem } from '../support/order-form-page';
import { skipReason, withDesk } from './desk-app';

test.skip(skipReason !== '', skipReason);

const screens = (page: Page) => page.getByRole('navigation', { name: 'Screens' });
const current = (page: Page, label: string) =>
  expect(screens(page).getByRole('button', { name: label })).toHaveAttribute('aria-current', 'page');
/** The application menu as Electron holds it: top-level labels, and each item's label and accelerator. */
const menu = (app: ElectronApplication) =>
  app.evaluate(({ Menu }) =>
    Menu.getApplicationMenu()!.items.map((top) => ({
      label: top.label.replace('&', ''),
      items: (top.submenu?.items ?? []).map((item) => ({
        label: item.label,
        role: item.role ?? null,
        accelerator: item.accelerator ?? null,
      })),
    })),
  );
const clickMenu = (app: ElectronApplication, id: string) =>
  app.evaluate(({ Menu }, itemId) => Menu.getApplicationMenu()!.getMenuItemById(itemId)!.click(), id);

test('the native menu: Go to every screen by its shortcut, Edit and View roles, Help; no default menu', async () => {
  await withDesk(async (page, app) => {
    const items = await menu(app);
    expect(items.map((top) => top.label)).toEqual(
      process.platform === 'darwin'
        ? ['Fulfillment Desk', 'Edit', 'View', 'Go', 'Window', 'Help']
        : ['File', 'Edit', 'View', 'Go', 'Help'],
    );
    const go = items.find((top) => top.label === 'Go')!.items;
    expect(go.find((item) => item.label === 'Lookup')?.accelerator).toBe('CmdOrCtrl+L');
    expect(items.find((top) => top.label === 'Help')!.items.map((item) => item.label)).toEqual(
      expect.arrayContaining(['Open data folder', 'Export diagnostics…', 'Check for updates…']),
    );
    // Through the menu itself: Go → Lookup lands on Lookup with its search box ready to type into.
    await clickMenu(app, 'go-lookup');
    await current(page, 'Lookup');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await clickMenu(app, 'go-failures');
    await current(page, 'Failures');
    // The keyboard shortcut reaches the same item.
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+L' : 'Control+L');
    await current(page, 'Lookup');
  });
});

test('a desk link opens Lookup on its reference: at start, handed over by a second instance, and never more', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-electron-link-'));
  await withDesk(
    async (page, app) => {
      await current(page, 'Lookup');
      await expect(page.getByRole('status', { name: 'Where the desk looked' })).toContainText(
        'for “TICKET-1”',
      );
      // What a second launch hands the running desk (Windows, Linux): its arguments.
      await app.evaluate(({ app: electronApp }) =>
        electronApp.emit(
          'second-instance',
          {},
          ['desk', 'fulfillment-desk://lookup/TICKET-2'],
          process.cwd(),
        ),
      );
      await expect(page.getByRole('status', { name: 'Where the desk looked' })).toContainText(
        'for “TICKET-2”',
      );
      // A real second process with the same data folder quits at once, after handing its link over.
      const executable = await app.evaluate(() => process.execPath);
      const second = spawn(
        executable,
        [
          ...(process.env.DESK_ELECTRON_APP ? [] : ['dist/main/main.cjs']),
          'fulfillment-desk://lookup/TICKET-3',
        ],
        { env: { ...process.env, DESK_DATA_DIR: dataDir }, stdio: 'ignore' },
      );
      expect(await new Promise((resolve) => second.on('exit', resolve))).toBe(0);
      await expect(page.getByRole('status', { name: 'Where the desk looked' })).toContainText(
        'for “TICKET-3”',
      );
      // A link asking for anything but a look-up is refused and changes nothing.
      const recent = () =>
        page.evaluate(async () => {
          const reply = await window.desk!.placements.recent();
          return reply.ok ? reply.value.length : -1;
        });
      const before = await recent();
      await app.evaluate(({ app: electronApp }) => {
        electronApp.emit('second-instance', {}, ['desk', 'fulfillment-desk://place/TICKET-4?value=500'], '');
      });
      await expect(page.getByRole('status', { name: 'Where the desk looked' })).toContainText(
        'for “TICKET-3”',
      );
      expect(await recent()).toBe(before);
      expect(app.windows()).toHaveLength(1);
    },
    { dataDir, args: ['fulfillment-desk://lookup/TICKET-1'] },
  );
});

test('a crashed or killed renderer reloads the window, and every journaled placement is still there', async () => {
  await withDesk(async (page, app) => {
    await screens(page).getByRole('button', { name: 'Place order' }).click();
    const form = await pickFirstItem(page);
    await fillAscendaMember(form);
    await form.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('status', { name: 'Placement status' })).toHaveText(/^Confirmed/, {
      timeout: 15_000,
    });
    const journaled = await page.evaluate(async () => {
      const reply = await window.desk!.placements.recent();
      return reply.ok ? reply.value.map((p) => p.reference) : [];
    });
    expect(journaled.length).toBeGreaterThan(0);
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
    );
    const reloaded = await app.firstWindow();
    await expect(reloaded.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
    expect(
      await reloaded.evaluate(async () => {
        const reply = await window.desk!.placements.recent();
        return reply.ok ? reply.value.map((p) => p.reference) : [];
      }),
    ).toEqual(journaled);
  });
});
