import { parseArgs } from 'node:util';
import { SANDBOX_CREDENTIALS, startSandbox } from './sandbox-pair';
import { SANDBOX_VARIANTS, VARIANT_NAMES, variantNamed } from './variants';

const port = (name: string, raw: string | undefined): number => {
  const value = Number(raw ?? 0);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`--${name} must be a port number, got ${raw}`);
  return value;
};

/**
 * `npm run sandbox`: both supplier simulators, standalone, for curl, training and manual testing.
 * `--variant <name>` starts them answering another way on one INFERRED detail (`--variant list` names them all).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'ascenda-port': { type: 'string' },
      'gcp-port': { type: 'string' },
      variant: { type: 'string' },
    },
  });
  if (values.variant === 'list') {
    for (const name of VARIANT_NAMES) console.log(`${name.padEnd(22)} ${SANDBOX_VARIANTS[name].description}`);
    return;
  }
  const variant = values.variant === undefined ? null : variantNamed(values.variant);
  const sandbox = await startSandbox({
    ascendaPort: port('ascenda-port', values['ascenda-port']),
    gcpPort: port('gcp-port', values['gcp-port']),
    ascenda: variant?.ascenda,
    gcp: variant?.gcp,
  });
  const { ascenda, gcp } = SANDBOX_CREDENTIALS;
  if (variant) console.log(`Variant ${values.variant}: ${variant.description}`);
  console.log(`Ascenda sandbox:           ${sandbox.urls.ascenda}`);
  console.log(
    `  token: POST ${sandbox.ascenda.settings.paths.token}  client_id=${ascenda.clientId} client_secret=${ascenda.clientSecret}`,
  );
  console.log(`GiftCard Partners sandbox: ${sandbox.urls.gcp}`);
  console.log(`  token: POST /v1/Tokens    headers Email: ${gcp.email}  AccessToken: ${gcp.accessToken}`);
  console.log(
    'Control API on both: GET /__sandbox/state, POST|DELETE /__sandbox/faults, POST /__sandbox/clock',
  );
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
