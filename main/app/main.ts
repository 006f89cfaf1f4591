import path from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { DEEP_LINK_SCHEME, deepLinkArgument, parseDeepLink } from '../../shared/deep-link';
import type { Navigation } from '../../shared/screens';
import { createLogger, type Logger } from '../log/logger';
import { Redactor } from '../log/redactor';
import { parsePacResult } from '../net/proxy-resolution';
import { SupplierAgent } from '../net/supplier-agent';
import { trustedCertificates } from '../net/trusted-certificates';
import { createBackend, type Backend } from '../services/backend';
import { APP_NAME, DATA_DIR_ENV } from '../environment/data-dir';
import { systemClock } from '../time/clock';
import { contextMenuTemplate } from './context-menu';
import { watchRenderer } from './crash-recovery';
import { acquireLock } from '../environment/folder-lock';
import { bindIpc } from './ipc-transport';
import { menuTemplate } from './menu-template';
import { notifyDesktop } from './notifications';
import { guardProcess } from '../log/process-guard';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { denyAllPermissions, lockDownContents } from './security';
import { electronUpdater } from './updater';
import { createMainWindow } from './window';
import { layoutKey, restoreWindow } from './window-layout';
import { sleep } from '../time/backoff';
import { dataPaths } from '../environment/data-paths';

// Tests and portable setups point the data folder elsewhere; it must be set before anything reads userData.
const dataDirOverride = process.env[DATA_DIR_ENV];
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

// Until the backend's logger exists, errors go to stderr through a logger of their own.
let logger: Logger = createLogger({ redactor: new Redactor(), console: true });
/** Whichever logger is current, for parts created before the backend's logger exists. */
const currentLogger: Logger = {
  info: (message, fields) => logger.info(message, fields),
  warn: (message, fields) => logger.warn(message, fields),
  error: (message, fields) => logger.error(message, fields),
};
guardProcess(
  process,
  () => logger,
  (errorId) => void tellAgentAboutError(errorId),
);

registerRendererScheme();

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
/** A desk link that arrived before the backend was up (it started the desk, or raced its start). */
let earlyLink: string | null = deepLinkArgument(process.argv);

if (!app.requestSingleInstanceLock()) {
  // The running desk gets our arguments (a desk link among them) through its second-instance event.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    focusWindow();
    const link = deepLinkArgument(argv);
    if (link) openLink(link);
  });
  // macOS hands links to the running app (or the one it is starting) here; it must be listened to before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    focusWindow();
    openLink(url);
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  // Let running syncs stop between pages and the cache workers close their databases (bounded to 3 s).
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !backend) return;
    closing = true;
    event.preventDefault();
    const deadline = sleep(3_000);
    void Promise.race([backend.close(), deadline]).finally(() => app.exit(0));
  });
  void app.whenReady().then(start);
}

function start(): void {
  // Reviewed: every desk link goes through parseDeepLink, which only lets `lookup/<one reference>` through, and a
  // look-up only reads (test/unit/deep-link.test.ts). Electronegativity reads the annotation on the flagged line.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(__dirname, '../renderer'));
  try {
    // `npm run serve` on the same folder holds it: refuse, naming it (released when this process exits).
    acquireLock(dataPaths(app.getPath('userData')).lock, 'desktop');
  } catch (error) {
    dialog.showErrorBox('Fulfillment Desk cannot start', (error as Error).message);
    app.exit(1);
    return;
  }
  const version = app.getVersion();
  // Supplier calls stay on Node's HTTP stack (its guarantees: no redirects, size cap, deadlines), routed the way
  // the OS is set up: the session's proxy per URL (system settings, PAC, WPAD) and the OS certificate store.
  const certificates = trustedCertificates();
  const agent = new SupplierAgent({
    resolve: async (url) => parsePacResult(await session.defaultSession.resolveProxy(url)),
    ca: certificates.ca,
  });
  backend = createBackend({
    dataDir: app.getPath('userData'),
    version,
    transport: 'electron',
    storeWorker: path.join(__dirname, 'store-worker.cjs'),
    updater: electronUpdater(app.isPackaged, version, currentLogger),
    agent,
  });
  logger = backend.services.logger;
  logger.info('supplier network', { certificates: certificates.notes });
  bindIpc(ipcMain, backend.router, backend.bus, () => mainWindow);
  // Packaged next to dist/ (electron-builder.yml `files`), so the same relative path holds in development.
  const icon = path.join(__dirname, '../../assets/icons/256x256.png');
  notifyDesktop(backend.bus, icon, (notice) => navigate(notice.open));
  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: version,
    copyright: 'Copyright © 2026 Fulfillment Desk',
    iconPath: icon,
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          go: (screenId) => navigate({ screen: screenId }),
          openDataFolder: () => void shell.openPath(app.getPath('userData')),
          exportDiagnostics: () => void exportDiagnostics(),
          checkForUpdates: () => void checkForUpdates(),
        },
        { platform: process.platform, isPackaged: app.isPackaged, appName: APP_NAME },
      ),
    ),
  );
  mainWindow = openWindow(backend, icon);
  if (earlyLink) openLink(earlyLink);
  earlyLink = null;
}

/** The window where it was last on this display layout, watched for crashes and hangs. */
function openWindow(desk: Backend, icon: string): BrowserWindow {
  const displays = screen.getAllDisplays();
  const saved = desk.services.uiState.useLayout(layoutKey(displays));
  const restored = restoreWindow(saved, displays);
  const win = createMainWindow(path.join(__dirname, '../preload/preload.cjs'), icon, restored.bounds);
  if (restored.maximized) win.maximize();
  const remember = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    desk.services.uiState.saveWindow(win.getNormalBounds(), win.isMaximized());
  };
  win.on('resized', remember);
  win.on('moved', remember);
  win.on('maximize', remember);
  win.on('unmaximize', remember);
  win.on('close', remember);
  win.on('closed', () => {
    mainWindow = null;
  });
  win.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      copyText: (text) => clipboard.writeText(text),
      lookup: (reference) => navigate({ screen: 'lookup', lookup: reference }),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window: win });
  });
  watchRenderer(win, {
    logger: desk.services.logger,
    monotonic: () => systemClock.monotonic(),
    onGiveUp: (errorId, reason) => void askAfterRepeatedCrashes(errorId, reason),
  });
  return win;
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function navigate(navigation: Navigation): void {
  focusWindow();
  backend?.services.navigation.push(navigation);
}

/** A desk link opens Lookup on its reference, or the member view on its member, and nothing else. */
function openLink(raw: string): void {
  if (!backend) {
    earlyLink = raw;
    return;
  }
  const parsed = parseDeepLink(raw);
  if (parsed.ok) {
    const { link } = parsed;
    logger.info('desk link opened', { kind: link.kind });
    navigate(
      link.kind === 'lookup'
        ? { screen: 'lookup', lookup: link.reference }
        : { screen: 'member', member: link.member },
    );
    return;
  }
  logger.warn('desk link refused', { reason: parsed.reason });
  void dialog.showMessageBox({
    type: 'warning',
    title: APP_NAME,
    message: 'This link cannot be opened.',
    detail: `${parsed.reason}. A desk link looks like ${DEEP_LINK_SCHEME}://lookup/<reference> or ${DEEP_LINK_SCHEME}://member/<member id>.`,
  });
}

async function exportDiagnostics(): Promise<void> {
  if (!backend) return;
  const reply = await backend.router.dispatch('app.exportDiagnostics', undefined, { transport: 'electron' });
  if (reply.ok) {
    const { file } = reply.value as { file: string };
    shell.showItemInFolder(file);
    void dialog.showMessageBox({
      type: 'info',
      title: APP_NAME,
      message: 'Diagnostics exported.',
      detail: `${file}\n\nAttach this zip to the Ops ticket. It holds no credentials.`,
    });
  } else {
    void dialog.showMessageBox({
      type: 'error',
      title: APP_NAME,
      message: 'Diagnostics could not be exported.',
      detail: reply.error.message,
    });
  }
}

async function checkForUpdates(): Promise<void> {
  if (!backend) return;
  const result = await backend.services.updates.check();
  void dialog.showMessageBox({
    type: result.status === 'failed' ? 'error' : 'info',
    title: APP_NAME,
    message: result.status === 'available' ? 'An update is available.' : 'Check for updates',
    detail: result.message,
  });
}

let errorDialogOpen = false;
async function tellAgentAboutError(errorId: string): Promise<void> {
  if (!app.isReady() || errorDialogOpen) return;
  errorDialogOpen = true;
  try {
    await dialog.showMessageBox({
      type: 'error',
      title: APP_NAME,
      message: `Something went wrong inside the desk (error ${errorId}).`,
      detail:
        'The desk keeps running and every journaled placement is safe. If something looks wrong, restart the desk ' +
        'and send Help → Export diagnostics to Ops with this error id.',
    });
  } finally {
    errorDialogOpen = false;
  }
}

async function askAfterRepeatedCrashes(errorId: string, reason: string): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: APP_NAME,
    buttons: ['Reload the window', 'Quit'],
    defaultId: 0,
    message: `The desk window keeps stopping (${reason}, error ${errorId}).`,
    detail:
      'Every journaled placement is safe: it lives in the desk’s journal, not in the window. Reload to try again, ' +
      'or quit and send Help → Export diagnostics to Ops.',
  });
  if (response === 0 && mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
  else app.quit();
}
