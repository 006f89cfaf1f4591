import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Redactor } from './redactor';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  redactor: Redactor;
  /** JSON-lines file; rotated to `<file>.1` past maxBytes. Omitted: console only. */
  file?: string;
  maxBytes?: number;
  /** Echo to the console (stderr) as well. */
  console?: boolean;
}

/** Every line passes through the redactor first: no credential reaches a log, whatever a caller hands in. */
export function createLogger({
  redactor,
  file,
  maxBytes = 5 * 1024 * 1024,
  console: echo = true,
}: LoggerOptions): Logger {
  // A log file that cannot be written (read-only folder, full disk) is said once, then each line goes to stderr
  // instead until writing works again; it never stops the desk.
  let failing: string | null = null;
  const write = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify(redactor.value({ at: new Date().toISOString(), level, message, ...fields }));
    if (echo) process.stderr.write(`${line}\n`);
    if (!file) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > maxBytes) renameSync(file, `${file}.1`);
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
      failing = null;
    } catch (error) {
      const reason = (error as Error).message;
      if (failing !== reason) process.stderr.write(`log file ${file} cannot be written (${reason})\n`);
      failing = reason;
      if (!echo) process.stderr.write(`${line}\n`);
    }
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
