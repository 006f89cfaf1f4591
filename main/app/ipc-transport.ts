import type { BrowserWindow, IpcMain } from 'electron';
import { channelNames } from '../../shared/contract';
import { fail } from '../../shared/envelope';
import type { EventBus } from '../ipc/event-bus';
import type { Router } from '../ipc/router';
import { isTrustedSenderFrame } from './renderer-origin';

/** Binds every contract channel to ipcMain.handle, refusing any caller but our own top-level renderer. */
export function bindIpc(
  ipcMain: IpcMain,
  router: Router,
  bus: EventBus,
  getWindow: () => BrowserWindow | null,
) {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const win = getWindow();
      if (!win || event.sender !== win.webContents || !isTrustedSenderFrame(event.senderFrame)) {
        return fail({ code: 'FORBIDDEN_SENDER', message: 'Calls are only accepted from the desk window.' });
      }
      return router.dispatch(channel, input, { transport: 'electron' });
    });
  }
  return bus.subscribeAll((event, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(event, payload);
  });
}
