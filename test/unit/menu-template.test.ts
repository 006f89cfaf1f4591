import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { contextMenuTemplate } from '../../main/app/context-menu';
import { goAccelerators, menuTemplate, type MenuActions } from '../../main/app/menu-template';
import { SCREENS } from '../../shared/screens';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    go: (screen) => calls.push(`go:${screen}`),
    openDataFolder: () => calls.push('data-folder'),
    exportDiagnostics: () => calls.push('diagnostics'),
    checkForUpdates: () => calls.push('updates'),
  };
  return { calls, actions };
}
const submenu = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const top = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((item) => item.label?.replace('&', '') === label);
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);
/** Every role and label anywhere in the menu, to prove what is absent. */
const everything = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [String(i.role ?? ''), String(i.label ?? ''), ...everything(submenu(i))]);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

const linux = { platform: 'linux' as const, isPackaged: true, appName: 'Fulfillment Desk' };

describe('native menu', () => {
  it('has Go, Edit, View and Help, built from the screens, each with its shortcut and Lookup on Ctrl/Cmd+L', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate(actions, linux);
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Go', '&Help']);
    const go = submenu(top(template, 'Go'));
    expect(go.map((item) => item.label)).toEqual(SCREENS.map((screen) => screen.label));
    const keys = go.map((item) => item.accelerator).filter(Boolean);
    expect(keys.slice(0, 3)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+L']);
    expect(keys).toContain('CmdOrCtrl+9');
    expect(keys.at(-1)).toBe('CmdOrCtrl+,');
    // Only keys every platform has: one digit each, never Ctrl+10.
    expect(keys.every((key) => /^CmdOrCtrl\+([1-9]|L|,)$/.test(key!))).toBe(true);
    expect(new Set(Object.values(goAccelerators())).size).toBe(keys.length);
    for (const item of go) click(item);
    expect(calls).toEqual(SCREENS.map((screen) => `go:${screen.id}`));
  });

  it('Edit has copy, paste and select all; View zooms; Help has About, data folder, diagnostics and updates', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate(actions, linux);
    expect(roles(submenu(top(template, 'Edit')))).toEqual(
      expect.arrayContaining(['copy', 'paste', 'selectAll', 'cut', 'undo', 'redo']),
    );
    expect(roles(submenu(top(template, 'View')))).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']),
    );
    const help = submenu(top(template, 'Help'));
    expect(help.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'About Fulfillment Desk',
      'Open data folder',
      'Export diagnostics…',
      'Check for updates…',
    ]);
    for (const item of help.filter((i) => i.click)) click(item);
    expect(calls).toEqual(['data-folder', 'diagnostics', 'updates']);
  });

  it('a packaged build has no reload and no developer tools; a development build has both', () => {
    const packaged = everything(menuTemplate(recorder().actions, linux));
    for (const hidden of ['reload', 'forceReload', 'toggleDevTools']) expect(packaged).not.toContain(hidden);
    const development = everything(menuTemplate(recorder().actions, { ...linux, isPackaged: false }));
    expect(development).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('on a Mac the app menu comes first, with About, Settings… on Cmd+, and Quit', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate(actions, { ...linux, platform: 'darwin' });
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'Fulfillment Desk',
      '&Edit',
      '&View',
      '&Go',
      'Window',
      '&Help',
    ]);
    const appMenu = submenu(template[0]);
    expect(roles(appMenu)).toEqual(expect.arrayContaining(['about', 'quit', 'hide']));
    click(appMenu.find((item) => item.label === 'Settings…'));
    expect(calls).toEqual(['go:settings']);
    expect(appMenu.find((item) => item.label === 'Settings…')?.accelerator).toBe('Cmd+,');
    // About lives in the app menu on a Mac, not twice.
    expect(submenu(top(template, 'Help')).some((item) => item.role === 'about')).toBe(false);
  });
});

describe('context menu', () => {
  const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  const params = (over: Partial<Parameters<typeof contextMenuTemplate>[0]>) => ({
    isEditable: false,
    selectionText: '',
    editFlags: { ...flags, canUndo: false, canRedo: false, canDelete: false, canEditRichly: false },
    ...over,
  });
  const actions = () => {
    const calls: string[] = [];
    return {
      calls,
      actions: {
        copyText: (text: string) => calls.push(`copy:${text}`),
        lookup: (reference: string) => calls.push(`lookup:${reference}`),
      },
    };
  };

  it('offers Cut, Copy, Paste and Select all in a text field, as far as the field allows', () => {
    const items = contextMenuTemplate(
      params({ isEditable: true, editFlags: { ...params({}).editFlags, canCut: false, canCopy: false } }),
      actions().actions,
    );
    expect(items.filter((i) => i.role).map((i) => [i.role, i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['selectAll', true],
    ]);
  });

  it('offers Copy reference and Look up on a selected id, and they do exactly that', () => {
    const { calls, actions: a } = actions();
    const items = contextMenuTemplate(params({ selectionText: ' ORD-2026-0042 ' }), a);
    expect(items.map((i) => i.role ?? i.label ?? i.type)).toEqual([
      'copy',
      'separator',
      'Copy reference',
      'Look up ORD-2026-0042',
    ]);
    for (const item of items.filter((i) => i.click)) click(item);
    expect(calls).toEqual(['copy:ORD-2026-0042', 'lookup:ORD-2026-0042']);
  });

  it('offers only Copy on ordinary selected text, and nothing where there is nothing to do', () => {
    expect(
      contextMenuTemplate(
        params({ selectionText: 'Refund 500 points to the member' }),
        actions().actions,
      ).map((i) => i.role),
    ).toEqual(['copy']);
    expect(contextMenuTemplate(params({}), actions().actions)).toEqual([]);
  });
});
