/** What Export diagnostics wrote: one zip for an Ops ticket, with no secret in it. */
export interface DiagnosticsExport {
  file: string;
  bytes: number;
  /** The files inside, in order. */
  entries: string[];
}
