import { describe, expect, it } from 'vitest';
import { BrowserWindow, ipcMain } from '../fakes/electron';
import type { IpcMain } from 'electron';
import { bindIpc } from '../../main/app/ipc-transport';
import { EventBus } from '../../main/ipc/event-bus';
import { createBackend } from '../../main/services/backend';
import { channelNames } from '../../shared/contract';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('Electron IPC transport', () => {
  const backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-ipc-')),
    version: '9.9.9',
    logToConsole: false,
  });
  const win = new BrowserWindow({});
  const bus = new EventBus();
  bindIpc(ipcMain as unknown as IpcMain, backend.router, bus, () => win as never);
  const handlers = ipcMain.handlers;
  const call = (senderFrame: unknown, sender: unknown = win.webContents, input?: unknown) =>
    handlers.get('app.info')!({ sender, senderFrame }, input);

  it('binds every contract channel', () => {
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers our own top-level renderer', async () => {
    const result = (await call({ url: 'app://desk/index.html', parent: null })) as {
      ok: boolean;
      value: unknown;
    };
    expect(result).toMatchObject({ ok: true, value: { transport: 'electron', version: '9.9.9' } });
  });

  it('refuses iframes, foreign pages and other web contents', async () => {
    const refused = [
      await call({ url: 'app://desk/index.html', parent: { url: 'app://desk/' } }),
      await call({ url: 'https://evil.example/', parent: null }),
      await call({ url: 'file:///tmp/x.html', parent: null }),
      await call(null),
      await call({ url: 'app://desk/index.html', parent: null }, { other: true }),
    ];
    for (const result of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('still validates input from a trusted sender', async () => {
    const result = await call({ url: 'app://desk/index.html', parent: null }, win.webContents, { evil: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('forwards bus events to the window', () => {
    bus.emit('profiles.changed', { activeProfileId: 'sandbox' });
    expect(win.webContents.sent).toContainEqual({
      channel: 'profiles.changed',
      payload: { activeProfileId: 'sandbox' },
    });
  });
});
