import { describe, expect, it } from 'vitest';
import { BrowserWindow } from '../fakes/electron';
import { createMainWindow } from '../../main/app/window';

describe('main window factory', () => {
  it('creates the window with Electron security settings on', () => {
    const win = createMainWindow(
      '/app/dist/preload/preload.cjs',
      '/app/assets/icons/256x256.png',
    ) as unknown as {
      options: { icon: string; webPreferences: Record<string, unknown> };
      loadedUrl: string;
    };
    expect(BrowserWindow.created).toContain(win);
    expect(win.options.icon).toBe('/app/assets/icons/256x256.png');
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads our own renderer from the app:// scheme, never file:// or the network', () => {
    const win = createMainWindow('/p.cjs', '/icon.png') as unknown as { loadedUrl: string };
    expect(win.loadedUrl).toBe('app://desk/index.html');
  });
});
