import type { DeskApi } from '../shared/desk-api';

declare global {
  interface Window {
    /** Provided by the preload (Electron) or the bridge client (browser); the renderer's only way to main. */
    readonly desk?: DeskApi;
  }
}

export function desk(): DeskApi {
  if (!window.desk) throw new Error('The desk backend is not connected (window.desk is missing).');
  return window.desk;
}
