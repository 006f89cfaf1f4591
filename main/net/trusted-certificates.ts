import { existsSync, readFileSync } from 'node:fs';
import tls from 'node:tls';

type CertificateSource = 'default' | 'system' | 'bundled' | 'extra';
/** Node 22.15+/23.5+ (Electron 45 runs Node 24); absent on older Node, so it is looked up, not assumed. */
type GetCaCertificates = (type?: CertificateSource) => string[];

export interface TrustedCertificates {
  /** undefined: Node's defaults (bundled roots plus NODE_EXTRA_CA_CERTS, read by Node at start). */
  ca: string[] | undefined;
  /** What was and was not added, for the log and diagnostics. */
  notes: string[];
}

/**
 * The certificates the supplier connections trust in the desktop app: Node's bundled roots, the OS certificate
 * store (where a corporate proxy's root lives once IT has installed it) and any NODE_EXTRA_CA_CERTS file.
 */
export function trustedCertificates(
  env: NodeJS.ProcessEnv = process.env,
  getCaCertificates: GetCaCertificates | null = (tls as { getCACertificates?: GetCaCertificates })
    .getCACertificates ?? null,
): TrustedCertificates {
  const notes: string[] = [];
  if (!getCaCertificates) {
    notes.push(
      `Node ${process.versions.node} cannot read the OS certificate store; using the bundled roots.`,
    );
    return { ca: undefined, notes };
  }
  const certificates = new Set(getCaCertificates('default'));
  try {
    const system = getCaCertificates('system');
    system.forEach((pem) => certificates.add(pem));
    notes.push(`Trusting ${system.length} certificates from the OS store as well as the bundled roots.`);
  } catch (error) {
    notes.push(`The OS certificate store could not be read (${(error as Error).message}).`);
  }
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    if (existsSync(extra)) {
      const pems =
        readFileSync(extra, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ??
        [];
      pems.forEach((pem) => certificates.add(`${pem}\n`));
      notes.push(`Trusting ${pems.length} certificates from NODE_EXTRA_CA_CERTS (${extra}).`);
    } else {
      notes.push(`NODE_EXTRA_CA_CERTS points at ${extra}, which does not exist.`);
    }
  }
  return { ca: [...certificates], notes };
}
