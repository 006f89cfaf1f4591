import type { SecretField } from '../../shared/secrets';
import { AscendaSimulator } from './ascenda/simulator';
import { SANDBOX_ASCENDA_CLIENT, type AscendaSimSettings } from './ascenda/settings';
import { GcpSimulator } from './giftcard-partners/simulator';
import { SANDBOX_GCP_CREDENTIALS, type GcpSimSettings } from './giftcard-partners/settings';

export interface SandboxPair {
  ascenda: AscendaSimulator;
  gcp: GcpSimulator;
  urls: { ascenda: string; gcp: string };
  stop(): Promise<void>;
}

/** Both simulators on 127.0.0.1: what the Sandbox profile, the tests and `npm run sandbox` talk to. */
export async function startSandbox(
  options: {
    ascendaPort?: number;
    gcpPort?: number;
    ascenda?: Partial<AscendaSimSettings>;
    gcp?: Partial<GcpSimSettings>;
  } = {},
): Promise<SandboxPair> {
  const ascenda = new AscendaSimulator(options.ascenda);
  const gcp = new GcpSimulator(options.gcp);
  const [ascendaUrl, gcpUrl] = await Promise.all([
    ascenda.start(options.ascendaPort),
    gcp.start(options.gcpPort),
  ]);
  return {
    ascenda,
    gcp,
    urls: { ascenda: ascendaUrl, gcp: gcpUrl },
    stop: async () => {
      await Promise.all([ascenda.stop(), gcp.stop()]);
    },
  };
}

/** The simulators' built-in credentials: sandbox-only values, not secrets. */
export const SANDBOX_CREDENTIALS = { ascenda: SANDBOX_ASCENDA_CLIENT, gcp: SANDBOX_GCP_CREDENTIALS };

/** The same, by the keychain field a real profile keeps each one under. */
export const SANDBOX_SECRETS: Record<SecretField, string> = {
  'ascenda.clientId': SANDBOX_ASCENDA_CLIENT.clientId,
  'ascenda.clientSecret': SANDBOX_ASCENDA_CLIENT.clientSecret,
  'gcp.email': SANDBOX_GCP_CREDENTIALS.email,
  'gcp.accessToken': SANDBOX_GCP_CREDENTIALS.accessToken,
};
