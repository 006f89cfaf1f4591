import { faultSpecSchema, type FaultPlan } from './faults';
import { HttpError, type Route } from './http-kit';

/** A simulator's clock: real time plus an offset that tests and trainers can move forward. */
export class SimClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.offsetMs;
  }
}

/**
 * The control API every simulator serves under /__sandbox: inspect state, arm and clear faults, move the clock,
 * expire tokens, stop (an outage). Supplier-specific hooks (balance funding) are added by each simulator.
 */
export function commonControlRoutes(options: {
  faults: FaultPlan;
  clock: SimClock;
  expireTokens: () => number;
  state: () => Record<string, unknown>;
  /** Stops the simulator's server: an outage on demand (connections are then refused). */
  shutdown: () => Promise<void>;
}): Route[] {
  const { faults, clock } = options;
  return [
    {
      method: 'GET',
      path: '/__sandbox/state',
      handler: () => ({
        status: 200,
        body: { ...options.state(), faults: faults.list(), faultsFired: Object.fromEntries(faults.fired) },
      }),
    },
    {
      method: 'POST',
      path: '/__sandbox/shutdown',
      handler: () => {
        // Answer first, then stop listening.
        setTimeout(() => void options.shutdown(), 20);
        return { status: 202, body: { stopping: true } };
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/faults',
      handler: (req) => {
        const spec = faultSpecSchema.safeParse(req.body);
        if (!spec.success) throw new HttpError(400, { message: spec.error.message });
        faults.add(spec.data);
        return { status: 201, body: { faults: faults.list() } };
      },
    },
    {
      method: 'DELETE',
      path: '/__sandbox/faults',
      handler: () => {
        faults.clear();
        return { status: 200, body: { faults: [] } };
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/clock',
      handler: (req) => {
        const advanceMs = (req.body as { advanceMs?: unknown } | undefined)?.advanceMs;
        if (typeof advanceMs !== 'number' || !(advanceMs >= 0)) {
          throw new HttpError(400, { message: 'advanceMs must be a number >= 0' });
        }
        return { status: 200, body: { clockOffsetMs: clock.advance(advanceMs) } };
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/tokens/expire',
      handler: () => ({ status: 200, body: { expired: options.expireTokens() } }),
    },
  ];
}
