import type { Agent } from 'node:http';
import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { Supplier } from '../../shared/domain';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { classifyNetworkError } from './network-errors';
import { parseRetryAfter } from './retry-after';
import { supplierError, type SupplierError } from './supplier-error';
import type { TokenCache } from './token-cache';
import { backoff, sleep } from '../time/backoff';

export interface HttpPolicy {
  timeouts: { readMs: number; createMs: number; tokenMs: number };
  /** 429s are retried after Retry-After (or the backoff) while the wait stays under maxWaitMs. */
  rateLimit: { maxRetries: number; maxWaitMs: number; backoffMs: number };
  /** Response headers that carry the supplier's request id, first match wins. */
  requestIdHeaders: string[];
}

export interface StatusContext {
  status: number;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  create: boolean;
}

export type ClassifiedStatus = Pick<SupplierErrorInfo, 'kind'> &
  Partial<
    Pick<
      SupplierErrorInfo,
      'supplierCode' | 'supplierMessage' | 'fieldErrors' | 'originalOrderId' | 'requestId'
    >
  >;

export interface SupplierHttpOptions {
  supplier: Supplier;
  baseUrl: string;
  policy: HttpPolicy;
  /** The supplier's reading of a non-2xx answer (its own error envelope and status meanings). */
  classifyStatus: (context: StatusContext) => ClassifiedStatus;
  logger: Logger;
  redactor: Redactor;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The agent every request connects through, http and https alike: the desk's network agent (main/net) picks a
   * proxy per URL and adds the trusted certificates. Without one, Node connects directly.
   */
  httpsAgent?: Agent;
  /** Hears each answer's `Date` header as it arrives (clock-skew detection). */
  onResponseDate?: (dateHeader: unknown) => void;
}

export type Query = Record<string, string | number | undefined>;

export interface CallSpec<T> {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  /** Sent as JSON, or form-encoded when `encoding` says so (token requests). */
  body?: unknown;
  encoding?: 'json' | 'form';
  headers?: Record<string, string>;
  /** Changes state at the supplier: an answer lost on the way means the change may have happened. */
  create?: boolean;
  /** Which per-request deadline applies. */
  timeout: keyof HttpPolicy['timeouts'];
  schema: z.ZodType<T>;
  /** Bearer token source; null for the token request itself. */
  bearer: TokenCache | null;
}

/** What one exchange needs: the call without its parsing and token source. */
export type ExchangeSpec = Omit<CallSpec<unknown>, 'schema' | 'bearer'>;

export interface CallResult<T> {
  data: T;
  status: number;
  requestId: string | null;
}

export interface Exchange {
  status: number;
  headers: Record<string, unknown>;
  text: string;
}

/** One answer as it came, for the calibration probe: nothing classified, nothing thrown for a status. */
export interface RawAnswer extends Exchange {
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The one way a supplier client talks HTTP: deadlines, bearer tokens with one refresh on 401, Retry-After,
 * response parsing with zod, and classification of every failure into the shared taxonomy. Logs each exchange
 * without headers or bodies, through the redactor.
 */
export class SupplierHttp {
  private readonly axios: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SupplierHttpOptions) {
    this.sleep = options.sleep ?? sleep;
    this.axios = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // Never follow a redirect: it would carry the Authorization header to wherever it points.
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      httpsAgent: options.httpsAgent,
      httpAgent: options.httpsAgent,
      // Proxies are the agent's business: axios's own proxy support does not tunnel https, and would bypass it.
      proxy: false,
      headers: { Accept: 'application/json' },
    });
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async call<T>(spec: CallSpec<T>): Promise<CallResult<T>> {
    let refreshed = false;
    for (let rateRetries = 0; ;) {
      const token = spec.bearer ? await spec.bearer.get() : null;
      const exchange = await this.exchange(spec, token);
      if (exchange.status === 401 && spec.bearer && token && !refreshed) {
        spec.bearer.invalidate(token);
        refreshed = true;
        continue;
      }
      if (exchange.status === 429) {
        const { maxRetries, maxWaitMs, backoffMs } = this.options.policy.rateLimit;
        const wait =
          parseRetryAfter(exchange.headers['retry-after']) ??
          backoff(backoffMs, rateRetries, undefined, null);
        if (rateRetries < maxRetries && wait <= maxWaitMs) {
          rateRetries += 1;
          this.options.logger.warn('supplier rate limit: waiting', {
            supplier: this.options.supplier,
            operation: spec.operation,
            waitMs: wait,
          });
          await this.sleep(wait);
          continue;
        }
      }
      return this.interpret(spec, exchange);
    }
  }

  /**
   * One exchange exactly as the supplier answered it (the calibration probe's view): a bearer token from
   * `bearer` when given, no retry, no classification. Connection failures still throw, classified.
   */
  async raw(spec: ExchangeSpec & { bearer?: TokenCache }): Promise<RawAnswer> {
    const token = spec.bearer ? await spec.bearer.get() : null;
    const exchange = await this.exchange(spec, token);
    return { ...exchange, body: parseJson(exchange.text) };
  }

  private async exchange(spec: ExchangeSpec, token: string | null): Promise<Exchange> {
    const timeoutMs = this.options.policy.timeouts[spec.timeout];
    const started = performance.now();
    const headers: Record<string, string> = { ...spec.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    const form = spec.encoding === 'form';
    if (spec.body !== undefined)
      headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    try {
      const response = await this.axios.request<string>({
        method: spec.method,
        url: withQuery(spec.path, spec.query),
        data:
          spec.body === undefined
            ? undefined
            : form
              ? new URLSearchParams(spec.body as Record<string, string>).toString()
              : JSON.stringify(spec.body),
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const exchange = {
        status: response.status,
        headers: { ...response.headers },
        text: response.data ?? '',
      };
      this.options.onResponseDate?.(exchange.headers.date);
      this.logExchange(spec, started, {
        status: exchange.status,
        requestId: this.requestId(exchange.headers),
      });
      return exchange;
    } catch (error) {
      const failure = classifyNetworkError(error, timeoutMs);
      this.logExchange(spec, started, { networkCode: failure.networkCode, kind: failure.kind });
      throw supplierError({
        kind: failure.kind,
        supplier: this.options.supplier,
        operation: spec.operation,
        networkCode: failure.networkCode,
        supplierMessage: this.options.redactor.text(failure.message),
        orderMayExist: Boolean(spec.create) && failure.kind === 'INDETERMINATE',
      });
    }
  }

  private interpret<T>(spec: CallSpec<T>, exchange: Exchange): CallResult<T> {
    const requestId = this.requestId(exchange.headers);
    const body = parseJson(exchange.text);
    const base = {
      supplier: this.options.supplier,
      operation: spec.operation,
      httpStatus: exchange.status,
      requestId,
    };
    if (exchange.status >= 200 && exchange.status < 300) {
      const parsed = body === undefined ? null : spec.schema.safeParse(body);
      if (parsed?.success) return { data: parsed.data, status: exchange.status, requestId };
      throw supplierError({
        ...base,
        kind: 'MALFORMED_RESPONSE',
        supplierMessage: parsed ? describeIssues(parsed.error) : 'The body is not JSON',
        // A create that succeeded with an unreadable body did happen: the order exists.
        orderMayExist: Boolean(spec.create),
      });
    }
    if (exchange.status < 400) {
      // A redirect is never followed (it would carry the bearer token along). After a create it proves nothing:
      // the order may exist, so it is looked up by reference, never called refused.
      throw this.redacted(
        supplierError({
          ...base,
          kind: spec.create ? 'INDETERMINATE' : 'MALFORMED_RESPONSE',
          supplierMessage: `Answered HTTP ${exchange.status} (a redirect${location(exchange.headers)}); the desk does not follow redirects`,
          orderMayExist: Boolean(spec.create),
        }),
      );
    }
    const classified = this.options.classifyStatus({
      status: exchange.status,
      body,
      create: Boolean(spec.create),
    });
    throw this.redacted(
      supplierError({
        ...base,
        ...classified,
        requestId: requestId ?? classified.requestId ?? null,
        retryAfterMs: exchange.status === 429 ? parseRetryAfter(exchange.headers['retry-after']) : null,
        orderMayExist: Boolean(spec.create) && classified.kind === 'INDETERMINATE',
      }),
    );
  }

  private redacted(error: SupplierError): SupplierError {
    const { info } = error;
    return supplierError({
      ...info,
      supplierMessage: info.supplierMessage && this.options.redactor.text(info.supplierMessage),
      fieldErrors: info.fieldErrors.map((f) => ({
        field: f.field,
        message: this.options.redactor.text(f.message),
      })),
    });
  }

  private requestId(headers: Record<string, unknown>): string | null {
    for (const name of this.options.policy.requestIdHeaders) {
      const value = headers[name.toLowerCase()];
      if (typeof value === 'string' && value !== '') return value;
    }
    return null;
  }

  private logExchange(spec: ExchangeSpec, started: number, outcome: Record<string, unknown>): void {
    this.options.logger.info('supplier call', {
      supplier: this.options.supplier,
      operation: spec.operation,
      method: spec.method,
      path: spec.path,
      ms: Math.round(performance.now() - started),
      ...outcome,
    });
  }
}

function location(headers: Record<string, unknown>): string {
  const target = headers.location;
  if (typeof target !== 'string' || target === '') return '';
  // Only where it pointed, never its query: a redirect URL can carry tokens.
  return URL.canParse(target) ? ` to ${new URL(target).origin}${new URL(target).pathname}` : '';
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) params.append(name, String(value));
  const encoded = params.toString();
  return encoded ? `${path}?${encoded}` : path;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
