import type { ErrorCode } from '../../../shared/errors';
import type { LogLevel } from '../../log/logger';

/** What main asks a store worker: one protocol call, or the close that ends it. */
export type WorkerCall =
  { call: 'invoke'; namespace: string; method: string; args: unknown[] } | { call: 'close' };

export type WorkerRequest = WorkerCall & { id: number };

/** An error as it crosses the thread boundary: a named fault keeps its code and details. */
export interface WireError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: unknown;
}

/**
 * What a store worker posts back: a call's result or error (with the time it took inside the worker), a report
 * of a streaming call while it runs, or a log line for main's log (the worker has no log of its own).
 */
export type WorkerReply =
  | { id: number; kind: 'result'; value: unknown; ms: number }
  | { id: number; kind: 'error'; error: WireError; ms: number }
  | { id: number; kind: 'progress'; value: unknown }
  | { kind: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> };

/** The full check's answer, from its own thread: the problems found (none: empty), or why it could not run. */
export type CheckReply = { problems: string[] } | { error: string };
