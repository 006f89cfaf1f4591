import { EventEmitter } from 'node:events';

/**
 * A recording stand-in for the parts of Electron that main/app and preload use. Tests assert on what our code
 * asked Electron to do (window options, exposed API, handlers), which is what the real binary would act on.
 */

export const exposed = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; input: unknown }> = [];
  async invoke(channel: string, input: unknown) {
    // Electron serialises IPC arguments with the structured clone algorithm, which throws on functions.
    structuredClone(input);
    this.invocations.push({ channel, input });
    return { ok: true, value: { echoed: channel } };
  }
}
export const ipcRenderer = new FakeIpcRenderer();

type Handler = (event: unknown, input: unknown) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    this.handlers.set(channel, handler);
  },
};

export const openedExternally: string[] = [];
export const shell = {
  async openExternal(url: string) {
    openedExternally.push(url);
  },
};

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  loadedUrl: string | null = null;
  readonly webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  show() {}
  isDestroyed() {
    return false;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export const app = {};
export const protocol = {};
export const session = {};
