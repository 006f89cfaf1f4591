import type { MenuItemConstructorOptions } from 'electron';
import { SCREENS, type ScreenId } from '../../shared/screens';

/** What the menu's own items do; main.ts binds them to the window, the backend and the OS. */
export interface MenuActions {
  go(screen: ScreenId): void;
  openDataFolder(): void;
  exportDiagnostics(): void;
  checkForUpdates(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Packaged builds have no reload or developer tools: a reload mid-placement helps nobody at the desk. */
  isPackaged: boolean;
  appName: string;
}

/**
 * Go shortcuts: Lookup on Ctrl/Cmd+L (the screen agents open most, from a ticket), Settings on Ctrl/Cmd+, (the
 * platforms' convention), the others numbered 1 to 9 in sidebar order; a screen past the ninth has none (its
 * place in the Go menu and the sidebar still opens it).
 */
export function goAccelerators(): Partial<Record<ScreenId, string>> {
  let n = 0;
  const keys: Partial<Record<ScreenId, string>> = {};
  for (const screen of SCREENS) {
    if (screen.id === 'lookup') keys[screen.id] = 'CmdOrCtrl+L';
    else if (screen.id === 'settings') keys[screen.id] = 'CmdOrCtrl+,';
    else if (n < 9) keys[screen.id] = `CmdOrCtrl+${++n}`;
  }
  return keys;
}

/** The native menu, built from the screens: Go, Edit roles, View zoom, Help; never Electron's default menu. */
export function menuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const accelerators = goAccelerators();
  const go: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: SCREENS.map((screen) => ({
      id: `go-${screen.id}`,
      label: screen.label,
      // On a Mac, Cmd+, belongs to the app menu's Settings… (one key, one item).
      accelerator: mac && screen.id === 'settings' ? undefined : accelerators[screen.id],
      click: () => actions.go(screen.id),
    })),
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...developer,
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      ...(mac ? [] : [{ id: 'about', label: `About ${options.appName}`, role: 'about' } as const]),
      { id: 'data-folder', label: 'Open data folder', click: () => actions.openDataFolder() },
      {
        id: 'export-diagnostics',
        label: 'Export diagnostics…',
        click: () => actions.exportDiagnostics(),
      },
      { type: 'separator' },
      { id: 'check-updates', label: 'Check for updates…', click: () => actions.checkForUpdates() },
    ],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { label: 'Settings…', accelerator: 'Cmd+,', click: () => actions.go('settings') },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = { label: '&File', submenu: [{ role: 'quit' }] };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    role: 'windowMenu',
  };
  return mac ? [appMenu, edit, view, go, window, help] : [file, edit, view, go, help];
}
