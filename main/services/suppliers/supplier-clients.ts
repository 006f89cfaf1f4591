import type { Agent } from 'node:http';
import type { Supplier } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { DEPOSIT_SUPPLIER } from '../../../shared/provider-traits';
import type { Logger } from '../../log/logger';
import type { Redactor } from '../../log/redactor';
import { PROVIDERS, type Tuning } from '../../providers/registry';
import { isSupplierError, supplierError } from '../../providers/supplier-error';
import type { SupplierPort } from '../../providers/supplier-port';
import type { SecretStore } from '../../secrets/secret-store';
import type { ClockSkewTracker } from '../../time/clock-skew';
import type { Clock } from '../../time/clock';
import type { CalibrationFiles } from './calibration';
import type { ProfileService } from '../profiles/profiles';
import { SANDBOX_CREDENTIALS, type SandboxRuntime } from './sandbox-runtime';

export interface SupplierClientDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  sandbox: SandboxRuntime;
  calibration: CalibrationFiles;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  /** Hears every answer's `Date` header, per profile and supplier. */
  skew: ClockSkewTracker;
  /** Proxies and trusted certificates (main/net/supplier-agent.ts); none: direct, Node's default roots. */
  agent?: Agent;
}

/**
 * The simulators answer in milliseconds: short deadlines make a delay fault show the timeout path in seconds
 * (training, e2e) instead of the 30 s a real supplier gets.
 */
const SANDBOX_TIMEOUTS = { readMs: 5_000, createMs: 5_000, tokenMs: 5_000 };

/**
 * Builds each profile's supplier ports from its endpoints, keychain credentials and calibration, and keeps them
 * (with their cached tokens) until the profile, its credentials or its calibration change. The Sandbox profile
 * gets the simulators, started on demand, and their built-in credentials.
 */
export class SupplierClients {
  private readonly cache = new Map<string, Promise<SupplierPort>>();

  constructor(private readonly deps: SupplierClientDeps) {}

  /** The supplier port of a profile: what services and jobs use, never branching on the supplier. */
  port(profileId: string, supplier: Supplier): Promise<SupplierPort> {
    const key = `${profileId}:${supplier}`;
    let port = this.cache.get(key);
    if (!port) {
      port = this.build(profileId, supplier);
      this.cache.set(key, port);
      // A failed build (missing credential, keychain down, invalid calibration) must not stick.
      port.catch(() => this.cache.get(key) === port && this.cache.delete(key));
    }
    return port;
  }

  /** The port of the supplier whose orders draw on a prepaid deposit (the Balance screen's account). */
  depositPort(profileId = this.deps.profiles.active().id): Promise<SupplierPort> {
    return this.port(profileId, DEPOSIT_SUPPLIER);
  }

  /** A port that shares nothing with the cached one (no token), e.g. to test freshly entered credentials. */
  fresh(profileId: string, supplier: Supplier, tuning: Tuning = {}): Promise<SupplierPort> {
    return this.build(profileId, supplier, tuning);
  }

  invalidate(profileId: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${profileId}:`)) this.cache.delete(key);
  }

  private async build(profileId: string, supplier: Supplier, tuning: Tuning = {}): Promise<SupplierPort> {
    const profile = this.deps.profiles.get(profileId);
    const provider = PROVIDERS[supplier];
    const calibration = this.deps.calibration.read(profileId, supplier);
    const common = {
      calibration,
      logger: this.deps.logger,
      redactor: this.deps.redactor,
      now: () => this.deps.clock.now(),
      onResponseDate: (date: unknown) => this.deps.skew.observe(profileId, supplier, date),
      httpsAgent: this.deps.agent,
    };
    if (profile.builtIn) {
      const endpoints = await this.deps.sandbox.endpoints();
      return redacting(
        provider.build({
          ...common,
          baseUrl: provider.sandboxUrl(endpoints),
          secrets: provider.secretFields.map((field) => SANDBOX_CREDENTIALS[field]),
          tuning: { timeouts: SANDBOX_TIMEOUTS, ...tuning },
        }),
        this.deps.redactor,
      );
    }
    const secrets = await this.credentials(profileId, supplier);
    return redacting(
      provider.build({ ...common, baseUrl: provider.baseUrl(profile), secrets, tuning }),
      this.deps.redactor,
    );
  }

  /**
   * The profile's credentials, or NOT_CONFIGURED naming why they cannot be had (not set, the keychain locked or
   * unavailable): thrown before any client exists, so nothing can have been sent.
   */
  private async credentials(profileId: string, supplier: Supplier): Promise<string[]> {
    const fields = PROVIDERS[supplier].secretFields;
    const notConfigured = (cause: string) =>
      supplierError({
        kind: 'NOT_CONFIGURED',
        supplier,
        operation: 'load credentials',
        supplierMessage: cause,
      });
    const values: Array<string | null> = [];
    try {
      for (const field of fields) values.push(await this.deps.secrets.read(profileId, field));
    } catch (error) {
      if (error instanceof AppError && error.code === 'KEYCHAIN_LOCKED')
        throw notConfigured('the keychain is locked: unlock it');
      if (error instanceof AppError && error.code === 'UNAVAILABLE')
        throw notConfigured(error.message.slice(error.message.indexOf('the keychain')).replace(/\.$/, ''));
      throw error;
    }
    const missing = fields.filter((_, i) => values[i] === null);
    if (missing.length > 0) throw notConfigured(`not set in the keychain: ${missing.join(', ')}`);
    for (const value of values) this.deps.redactor.protect(value!);
    return values as string[];
  }
}

/**
 * Supplier text enters main here: every value a port returns, and every supplier error it throws, passes the
 * redactor first, so a supplier that echoes a credential or token (in an error, an item error, a name, a
 * request id) never gets it into SQLite, the journal, an export, a log or the window.
 */
function redacting<T extends object>(client: T, redactor: Redactor): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (answer: unknown) => redactor.value(answer),
          (error: unknown) => {
            throw isSupplierError(error) ? supplierError(redactor.value(error.info)) : error;
          },
        );
      };
    },
  });
}
