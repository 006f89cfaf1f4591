import type { Agent } from 'node:http';
import type { z } from 'zod';
import type { Profile, SandboxEndpoints, Supplier } from '../../shared/domain';
import type { SecretField } from '../../shared/secrets';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { AscendaClient } from './ascenda/client';
import { ascendaCalibrationSchema, ascendaConfigWith, type AscendaClientConfig } from './ascenda/config';
import { GcpClient } from './giftcard-partners/client';
import { gcpCalibrationSchema, gcpConfigWith, type GcpClientConfig } from './giftcard-partners/config';
import type { HttpPolicy } from './supplier-http';
import type { SupplierPort } from './supplier-port';

/** Per-use adjustments laid over a client's settings (e.g. the short deadlines of a connection test). */
export type Tuning = Partial<HttpPolicy>;

export interface PortBuild {
  baseUrl: string;
  /** The credential values, in the order of the provider's `secretFields`. */
  secrets: readonly string[];
  /** The profile's calibration for this supplier (already validated by `calibration`). */
  calibration: unknown;
  tuning: Tuning;
  logger: Logger;
  redactor: Redactor;
  /** The main process's clock (token expiry, timestamps): the one tests move. */
  now: () => number;
  /** Hears each answer's `Date` header, to show clock skew. */
  onResponseDate: (dateHeader: unknown) => void;
  /** Proxies and trusted certificates for supplier calls; none: direct, Node's default roots. */
  httpsAgent?: Agent;
}

/** How the desk builds one supplier's port: where its URL and credentials come from, and its settings. */
export interface ProviderEntry {
  supplier: Supplier;
  secretFields: readonly SecretField[];
  baseUrl(profile: Profile): string;
  sandboxUrl(endpoints: SandboxEndpoints): string;
  /** Validates a calibration file's section for this supplier (INFERRED settings only). */
  calibration: z.ZodType;
  build(options: PortBuild): SupplierPort;
}

/** Every supplier the desk knows: a new one is a folder under providers/ and one entry here. */
export const PROVIDERS: Record<Supplier, ProviderEntry> = {
  ascenda: {
    supplier: 'ascenda',
    secretFields: ['ascenda.clientId', 'ascenda.clientSecret'],
    baseUrl: (profile) => profile.ascendaBaseUrl,
    sandboxUrl: (endpoints) => endpoints.ascenda,
    calibration: ascendaCalibrationSchema,
    build: ({ secrets: [clientId = '', clientSecret = ''], calibration, tuning, ...plumbing }) =>
      new AscendaClient({
        ...plumbing,
        credentials: { clientId, clientSecret },
        config: ascendaConfigWith(
          ascendaCalibrationSchema.parse(calibration ?? {}),
          tuning as Partial<AscendaClientConfig>,
        ),
      }),
  },
  gcp: {
    supplier: 'gcp',
    secretFields: ['gcp.email', 'gcp.accessToken'],
    baseUrl: (profile) => profile.gcpBaseUrl,
    sandboxUrl: (endpoints) => endpoints.gcp,
    calibration: gcpCalibrationSchema,
    build: ({ secrets: [email = '', accessToken = ''], calibration, tuning, ...plumbing }) =>
      new GcpClient({
        ...plumbing,
        credentials: { email, accessToken },
        config: gcpConfigWith(
          gcpCalibrationSchema.parse(calibration ?? {}),
          tuning as Partial<GcpClientConfig>,
        ),
      }),
  },
};
