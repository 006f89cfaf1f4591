import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { createBackend } from '../services/backend';
import { DATA_DIR_ENV } from '../services/data-dir';
import { acquireLock } from '../services/folder-lock';
import { bindIpc } from './ipc-transport';
import { notifyBalanceAlerts } from './notifications';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { denyAllPermissions, lockDownContents } from './security';
import { createMainWindow } from './window';

// Tests and portable setups point the data folder elsewhere; it must be set before anything reads userData.
const dataDirOverride = process.env[DATA_DIR_ENV];
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

registerRendererScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let closeBackend: () => Promise<void> = async () => {};

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  // Let running syncs stop between pages and the cache workers close their databases (bounded to 3 s).
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    const deadline = new Promise((resolve) => setTimeout(resolve, 3_000));
    void Promise.race([closeBackend(), deadline]).finally(() => app.exit(0));
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveRenderer(path.join(__dirname, '../renderer'));
    try {
      // `npm run serve` on the same folder holds it: refuse, naming it (released when this process exits).
      acquireLock(app.getPath('userData'), 'desktop');
    } catch (error) {
      dialog.showErrorBox('Fulfillment Desk cannot start', (error as Error).message);
      app.exit(1);
      return;
    }
    const backend = createBackend({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      storeWorker: path.join(__dirname, 'store-worker.cjs'),
    });
    closeBackend = backend.close;
    bindIpc(ipcMain, backend.router, backend.bus, () => mainWindow);
    // Packaged next to dist/ (electron-builder.yml `files`), so the same relative path holds in development.
    const icon = path.join(__dirname, '../../assets/icons/256x256.png');
    notifyBalanceAlerts(backend.bus, icon);
    mainWindow = createMainWindow(path.join(__dirname, '../preload/preload.cjs'), icon);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}
