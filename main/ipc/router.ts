import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { channels, isChannelName, type ChannelName } from '../../shared/contract';
import { fail, ok, type Envelope } from '../../shared/envelope';
import { AppError } from '../../shared/errors';
import type { CallContext, Handlers } from '../services/channel-handlers';

export type { CallContext, Handlers } from '../services/channel-handlers';

export interface Router {
  dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
}

export interface RouterOptions {
  /**
   * Where unexpected failures are reported, with the id the caller is given: the caller sees only that id, and
   * the log line carrying it holds the cause.
   */
  onInternalError?: (channel: ChannelName, error: unknown, errorId: string) => void;
}

/** The single place every call enters main: validates, dispatches, and never lets an exception cross. */
export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async dispatch(channel, input, ctx) {
      if (!isChannelName(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `No such channel: ${describe(channel)}` });
      }
      const parsed = channels[channel].input.safeParse(input);
      if (!parsed.success) {
        return fail({
          code: 'VALIDATION',
          message: `Invalid input for ${channel}: ${z.prettifyError(parsed.error)}`,
          details: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String),
            message: issue.message,
          })),
        });
      }
      try {
        const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
        return ok(await handler(parsed.data, ctx));
      } catch (error) {
        if (error instanceof AppError) {
          return fail({ code: error.code, message: error.message, details: error.details });
        }
        // A service re-validating merged input (an edit applied to a stored record) reports it the same way.
        if (error instanceof z.ZodError) {
          return fail({
            code: 'VALIDATION',
            message: z.prettifyError(error),
            details: error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
          });
        }
        const errorId = newErrorId();
        options.onInternalError?.(channel, error, errorId);
        return fail({
          code: 'INTERNAL',
          message: `${channel} failed unexpectedly (error id ${errorId}); the log holds the details under that id.`,
          details: { errorId },
        });
      }
    },
  };
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `<${typeof value}>`;

/** Short enough to read out on a support call, random enough never to repeat in one log. */
const newErrorId = (): string => randomBytes(5).toString('hex');
