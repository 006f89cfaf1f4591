import type { Agent } from 'node:http';
import type { Supplier } from '../../shared/domain';
import type { SecretField } from '../../shared/secrets';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { AscendaClient } from '../providers/ascenda/client';
import type { AscendaClientConfig } from '../providers/ascenda/config';
import { GcpClient } from '../providers/giftcard-partners/client';
import type { GcpClientConfig } from '../providers/giftcard-partners/config';
import { supplierError } from '../providers/supplier-error';
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
  /** Proxies and trusted certificates (main/net/supplier-agent.ts); none: direct, Node's default roots. */
  agent?: Agent;
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
    return this.cached(profileId, 'ascenda', () => this.buildAscenda(profileId)) as Promise<AscendaClient>;
  }

  gcp(profileId = this.deps.profiles.active().id): Promise<GcpClient> {
    return this.cached(profileId, 'gcp', () => this.buildGcp(profileId)) as Promise<GcpClient>;
  }

  /** A client that shares nothing with the cached one (no token), e.g. to test freshly entered credentials. */
  fresh(
    profileId: string,
    supplier: Supplier,
    tuning: ClientTuning = {},
  ): Promise<AscendaClient | GcpClient> {
    return supplier === 'ascenda'
      ? this.buildAscenda(profileId, tuning.ascenda)
      : this.buildGcp(profileId, tuning.gcp);
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
      httpsAgent: this.deps.agent,
      config: profile.builtIn ? { timeouts: SANDBOX_TIMEOUTS, ...config } : config,
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
      httpsAgent: this.deps.agent,
      config: profile.builtIn ? { timeouts: SANDBOX_TIMEOUTS, ...config } : config,
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

  private async credentials(
    profileId: string,
    supplier: Supplier,
    fields: [SecretField, SecretField],
  ): Promise<[string, string]> {
    const values = await Promise.all(fields.map((field) => this.deps.secrets.read(profileId, field)));
    const missing = fields.filter((_, i) => values[i] === null);
    if (missing.length > 0) {
      throw supplierError({
        kind: 'NOT_CONFIGURED',
        supplier,
        operation: 'load credentials',
        supplierMessage: `Not set in the keychain: ${missing.join(', ')}`,
      });
    }
    for (const value of values) this.deps.redactor.protect(value);
    return values as [string, string];
  }
}
