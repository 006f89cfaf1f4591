/** A short id that ties what the agent sees ("error E-1A2B3C4D") to the log line with the details. */
export function newErrorId(): string {
  return `E-${globalThis.crypto.randomUUID().slice(0, 8).toUpperCase()}`;
}
