import type { DeskError } from './errors';

/** Every call resolves to this: Electron's invoke drops error classes, and the UI needs codes. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: DeskError };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (error: DeskError): Envelope<never> => ({ ok: false, error });
