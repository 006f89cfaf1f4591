import type http from 'node:http';
import { z } from 'zod';
import { writeResponse, type Interceptor, type Route, type SimRequest, type SimResponse } from './http-kit';
import { SeededRandom } from './random';
import { sleep } from '../time/backoff';

/**
 * Faults a simulator can inject. "Before commit" faults stop the request before the handler changes any state;
 * "after commit" faults let the handler commit, then spoil the answer, which is what makes an order's outcome
 * unknown to the client although it exists at the supplier.
 */
export const FAULT_KINDS = [
  'status_before_commit', // 500/502/503/504 without touching state
  'status_after_commit', // state changed, then 500/502/503/504
  'drop_before_commit', // connection reset, nothing happened
  'drop_after_commit', // state changed, connection reset: the client sees no answer
  'delay_before_commit', // wait (past the client's timeout), then run normally
  'delay_after_commit', // run, then wait before answering
  'rate_limit', // 429 with Retry-After
  'malformed_json', // state changed, body is not JSON
  'slow_drip', // state changed, body sent a few bytes at a time
  'token_expired', // 401 as if the bearer token had expired
  'credentials_disabled', // 403 as if API access were turned off for the credential
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    /** `METHOD /path` as declared by the route (e.g. `POST /v1/Orders`); omitted = every route but tokens. */
    route: z.string().max(200).optional(),
    /** One-shot faults fire this many times. */
    times: z.number().int().positive().max(100_000).optional(),
    /** Rate faults fire on this fraction of matching requests until cleared. */
    rate: z.number().min(0).max(1).optional(),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    delayMs: z.number().int().nonnegative().max(120_000).optional(),
    retryAfterSeconds: z.number().int().nonnegative().max(3600).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultPlan {
  private armed: ArmedFault[] = [];
  private readonly random: SeededRandom;
  /** How often each fault kind fired, for tests and the control API. */
  readonly fired = new Map<FaultKind, number>();

  constructor(seed = 1) {
    this.random = new SeededRandom(seed);
  }

  add(spec: FaultSpec): void {
    this.armed.push({ spec, remaining: spec.rate === undefined ? (spec.times ?? 1) : Infinity });
  }

  clear(): void {
    this.armed = [];
  }

  list(): FaultSpec[] {
    return this.armed.map((a) => a.spec);
  }

  /** The fault to apply to this request, if any; one-shot faults are used up, rate faults roll the dice. */
  take(routeKey: string, isTokenRoute: boolean): FaultSpec | null {
    for (const fault of this.armed) {
      const matches = fault.spec.route === undefined ? !isTokenRoute : fault.spec.route === routeKey;
      if (!matches) continue;
      if (fault.spec.rate !== undefined) {
        if (!this.random.chance(fault.spec.rate)) continue;
      } else {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.armed = this.armed.filter((a) => a !== fault);
      }
      this.fired.set(fault.spec.kind, (this.fired.get(fault.spec.kind) ?? 0) + 1);
      return fault.spec;
    }
    return null;
  }
}

/** How a supplier phrases the errors faults produce (each supplier has its own envelope). */
export interface FaultErrors {
  serverError(status: number): SimResponse;
  rateLimited(retryAfterSeconds: number): SimResponse;
  unauthorized(): SimResponse;
  forbidden(): SimResponse;
}

const drop = (res: http.ServerResponse): void => {
  res.socket?.destroy();
};

/** Applies the fault plan around each route handler. */
export class FaultInterceptor implements Interceptor {
  constructor(
    private readonly plan: FaultPlan,
    private readonly errors: FaultErrors,
    private readonly isTokenRoute: (route: Route) => boolean,
  ) {}

  async handle(
    _req: SimRequest,
    res: http.ServerResponse,
    route: Route,
    run: () => Promise<SimResponse>,
  ): Promise<void> {
    const fault = this.plan.take(`${route.method} ${route.path}`, this.isTokenRoute(route));
    if (!fault) return writeResponse(res, await run());
    const status = fault.status ?? 503;
    const delayMs = fault.delayMs ?? 5_000;
    switch (fault.kind) {
      case 'status_before_commit':
        return writeResponse(res, this.errors.serverError(status));
      case 'rate_limit':
        return writeResponse(res, this.errors.rateLimited(fault.retryAfterSeconds ?? 1));
      case 'token_expired':
        return writeResponse(res, this.errors.unauthorized());
      case 'credentials_disabled':
        return writeResponse(res, this.errors.forbidden());
      case 'drop_before_commit':
        return drop(res);
      case 'delay_before_commit':
        await sleep(delayMs);
        return writeResponse(res, await run());
    }
    const response = await run();
    switch (fault.kind) {
      case 'status_after_commit':
        return writeResponse(res, this.errors.serverError(status));
      case 'drop_after_commit':
        return drop(res);
      case 'delay_after_commit':
        await sleep(delayMs);
        return writeResponse(res, response);
      case 'malformed_json':
        res.writeHead(response.status, { 'Content-Type': 'application/json' });
        return void res.end('{"truncated": ');
      case 'slow_drip': {
        const body = JSON.stringify(response.body ?? null);
        res.writeHead(response.status, { 'Content-Type': 'application/json', ...response.headers });
        for (let i = 0; i < body.length && !res.destroyed; i += 16) {
          res.write(body.slice(i, i + 16));
          await sleep(Math.max(1, Math.floor(delayMs / Math.ceil(body.length / 16))));
        }
        return void res.end();
      }
    }
  }
}
