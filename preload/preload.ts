import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDesk, type DeskApi } from '../shared/desk-api';
import type { Envelope } from '../shared/envelope';

// Built from the contract: no channel is wired by hand, and neither ipcRenderer nor an IPC event object
// ever reaches the page. The annotation makes the compiler check the result against the contract.
const desk: DeskApi = buildDesk({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>,
  subscribe: (event, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
});

contextBridge.exposeInMainWorld('desk', desk);
