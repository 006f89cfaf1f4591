import type { Supplier } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SecretField } from '../../shared/secrets';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { AscendaClient } from '../providers/ascenda/client';
import type { AscendaClientConfig } from '../providers/ascenda/config';
import { GcpClient } from '../providers/giftcard-partners/client';
import type { GcpClientConfig } from '../providers/giftcard-partners/config';
import { isSupplierError, supplierError } from '../providers/supplier-error';
import type { ClockSkewTracker } from '../time/clock-skew';
import type { Clock } from '../time/clock';
import { SANDBOX_CREDENTIALS } from '../sandbox/sandbox-pair';
import type { SecretStore } from '../secrets/secret-store';
import type { ProfileService } from './profiles';
import type { SandboxRuntime } from './sandbox-runtime';

export interface SupplierClientDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  sandbox: SandboxRuntime;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  /** Hears every answer's `Date` header, per profile and supplier. */
  skew: ClockSkewTracker;
}

export interface ClientTuning {
  ascenda?: Partial<AscendaClientConfig>;
  gcp?: Partial<GcpClientConfig>;
}

/**
 * The simulators answer in milliseconds: short deadlines make a delay fault show the timeout path in seconds
 * (training, e2e) instead of the 30 s a real supplier gets.
 */
const SANDBOX_TIMEOUTS = { readMs: 5_000, createMs: 5_000, tokenMs: 5_000 };

/**
 * Builds each profile's supplier clients from its endpoints and keychain credentials, and keeps them (with
 * their cached tokens) until the profile or its credentials change. The Sandbox profile gets the simulators,
 * started on demand, and their built-in credentials.
 */
export class SupplierClients {
  private readonly cache = new Map<string, Promise<AscendaClient | GcpClient>>();

  constructor(private readonly deps: SupplierClientDeps) {}

  ascenda(profileId = this.deps.profiles.active().id): Promise<AscendaClient> {
    return this.cached(profileId, 'ascenda', async () =>
      redacting(await this.buildAscenda(profileId), this.deps.redactor),
    ) as Promise<AscendaClient>;
  }

  gcp(profileId = this.deps.profiles.active().id): Promise<GcpClient> {
    return this.cached(profileId, 'gcp', async () =>
      redacting(await this.buildGcp(profileId), this.deps.redactor),
    ) as Promise<GcpClient>;
  }

  /** A client that shares nothing with the cached one (no token), e.g. to test freshly entered credentials. */
  async fresh(
    profileId: string,
    supplier: Supplier,
    tuning: ClientTuning = {},
  ): Promise<AscendaClient | GcpClient> {
    return redacting(
      supplier === 'ascenda'
        ? await this.buildAscenda(profileId, tuning.ascenda)
        : await this.buildGcp(profileId, tuning.gcp),
      this.deps.redactor,
    );
  }

  invalidate(profileId: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${profileId}:`)) this.cache.delete(key);
  }

  private cached(profileId: string, supplier: Supplier, build: () => Promise<AscendaClient | GcpClient>) {
    const key = `${profileId}:${supplier}`;
    let client = this.cache.get(key);
    if (!client) {
      client = build();
      this.cache.set(key, client);
      // A failed build (missing credential, keychain down) must not stick.
      client.catch(() => this.cache.get(key) === client && this.cache.delete(key));
    }
    return client;
  }

  private async buildAscenda(
    profileId: string,
    config?: Partial<AscendaClientConfig>,
  ): Promise<AscendaClient> {
    const profile = this.deps.profiles.get(profileId);
    const common = {
      logger: this.deps.logger,
      redactor: this.deps.redactor,
      config: profile.builtIn ? { timeouts: SANDBOX_TIMEOUTS, ...config } : config,
      now: () => this.deps.clock.now(),
      onResponseDate: (date: unknown) => this.deps.skew.observe(profileId, 'ascenda', date),
    };
    if (profile.builtIn) {
      const urls = await this.deps.sandbox.endpoints();
      return new AscendaClient({
        ...common,
        baseUrl: urls.ascenda,
        credentials: SANDBOX_CREDENTIALS.ascenda,
      });
    }
    const [clientId, clientSecret] = await this.credentials(profileId, 'ascenda', [
      'ascenda.clientId',
      'ascenda.clientSecret',
    ]);
    return new AscendaClient({
      ...common,
      baseUrl: profile.ascendaBaseUrl,
      credentials: { clientId, clientSecret },
    });
  }

  private async buildGcp(profileId: string, config?: Partial<GcpClientConfig>): Promise<GcpClient> {
    const profile = this.deps.profiles.get(profileId);
    const common = {
      logger: this.deps.logger,
      redactor: this.deps.redactor,
      config: profile.builtIn ? { timeouts: SANDBOX_TIMEOUTS, ...config } : config,
      now: () => this.deps.clock.now(),
      onResponseDate: (date: unknown) => this.deps.skew.observe(profileId, 'gcp', date),
    };
    if (profile.builtIn) {
      const urls = await this.deps.sandbox.endpoints();
      return new GcpClient({
        ...common,
        baseUrl: urls.giftcardPartners,
        credentials: SANDBOX_CREDENTIALS.gcp,
      });
    }
    const [email, accessToken] = await this.credentials(profileId, 'gcp', ['gcp.email', 'gcp.accessToken']);
    return new GcpClient({ ...common, baseUrl: profile.gcpBaseUrl, credentials: { email, accessToken } });
  }

  /**
   * The profile's credentials, or NOT_CONFIGURED naming why they cannot be had (not set, the keychain locked or
   * unavailable): thrown before any client exists, so nothing can have been sent.
   */
  private async credentials(
    profileId: string,
    supplier: Supplier,
    fields: [SecretField, SecretField],
  ): Promise<[string, string]> {
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
    for (const value of values) this.deps.redactor.protect(value);
    return values as [string, string];
  }
}

/**
 * Supplier text enters main here: every value a client returns, and every supplier error it throws, passes the
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
