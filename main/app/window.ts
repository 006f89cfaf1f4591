import { BrowserWindow, type WebPreferences } from 'electron';
import { RENDERER_ENTRY } from './renderer-origin';

/** Electron's security checklist, in one place so a test can hold it to account. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * `iconPath`: the window's icon where the OS takes it from the window (Linux, Windows). `bounds`: where it was on
 * this display layout (main/app/window-layout.ts); null opens the default size, centred.
 */
export function createMainWindow(
  preloadPath: string,
  iconPath: string,
  bounds: { x: number; y: number; width: number; height: number } | null = null,
): BrowserWindow {
  // Reviewed for Electronegativity, which cannot see through secureWebPreferences(): it sets contextIsolation
  // and sandbox (test/unit/window.test.ts holds it to that), and new windows from any click, middle-click
  // included, are refused by lockDownContents' window-open handler.
  // Electronegativity reads its annotation on the flagged line itself, so this statement keeps its layout.
  // prettier-ignore
  const win = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: 1280,
    height: 820,
    ...(bounds ?? {}),
    minWidth: 900,
    minHeight: 600,
    title: 'Fulfillment Desk',
    show: false,
    backgroundColor: '#1b1f24',
    icon: iconPath,
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_ENTRY);
  return win;
}
