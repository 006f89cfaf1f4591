import { parseArgs } from 'node:util';
import { describeProblem, formatCheck, formatSummary } from '../shared/conformance';
import { createLogger } from './log/logger';
import { Redactor } from './log/redactor';
import { variantNamed } from './sandbox/variants';
import { KEYCHAIN_SERVICE, SecretStore } from './secrets/secret-store';
import { CacheStores } from './services/cache-stores';
import { CalibrationFiles } from './services/suppliers/calibration';
import { ConformanceService } from './services/suppliers/conformance';
import { defaultDataDir } from './environment/data-dir';
import { ProfileService, SANDBOX_ID } from './services/profiles/profiles';
import { SandboxRuntime } from './services/suppliers/sandbox-runtime';
import { SupplierClients } from './services/suppliers/supplier-clients';
import { ClockSkewTracker } from './time/clock-skew';
import { systemClock } from './time/clock';
import { dataPaths } from './environment/data-paths';

const USAGE = `usage: npm run probe -- --profile <name or id> [--place-test-order] [--apply]
       npm run probe -- --sandbox [--variant <name>] [--apply]

Compares every INFERRED supplier setting with what the profile's suppliers answer: one line per setting
(match, differs (observed …, suggest …), not observable), then "probe: N settings checked, M differ".
--place-test-order  also places one DESK-PROBE- order per supplier (Sandbox and UAT only; refused on Production)
--sandbox           probes the built-in simulators, test order included
--variant <name>    with --sandbox: simulators that differ on one INFERRED detail (npm run sandbox -- --variant list)
--apply             writes every suggested value to the profile's calibration file
Exit code: 0 when nothing differs, 1 when something differs or a supplier could not be probed, 2 on bad usage.`;

class UsageError extends Error {}

function variantOrUsage(name: string) {
  try {
    return variantNamed(name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `npm run probe`: the calibration probe from a terminal, on a profile of the desk's data folder. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      variant: { type: 'string' },
      'place-test-order': { type: 'boolean', default: false },
      apply: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.sandbox === (values.profile !== undefined))
    throw new UsageError('Give either --profile <name> or --sandbox.');
  if (values.variant !== undefined && !values.sandbox)
    throw new UsageError('--variant applies to the built-in simulators: add --sandbox.');
  const variant = values.variant === undefined ? undefined : variantOrUsage(values.variant);

  const paths = dataPaths(defaultDataDir());
  const redactor = new Redactor();
  const logger = createLogger({ redactor, file: paths.logFile, console: false });
  const profiles = new ProfileService(paths);
  const wanted = values.profile?.toLowerCase();
  const profile = values.sandbox
    ? profiles.get(SANDBOX_ID)
    : profiles.list().find((p) => p.id === values.profile || p.name.toLowerCase() === wanted);
  if (!profile) {
    const known = profiles
      .list()
      .map((p) => `“${p.name}”`)
      .join(', ');
    throw new UsageError(`No profile named “${values.profile}” in ${paths.root}. Profiles: ${known}.`);
  }
  const sandbox = new SandboxRuntime({ variant });
  const calibration = new CalibrationFiles(paths);
  const stores = new CacheStores({ paths, workerScript: null });
  const clients = new SupplierClients({
    profiles,
    secrets: new SecretStore(KEYCHAIN_SERVICE),
    sandbox,
    calibration,
    logger,
    redactor,
    clock: systemClock,
    skew: new ClockSkewTracker(systemClock),
  });
  const service = new ConformanceService({
    paths,
    profiles,
    clients,
    calibration,
    stores,
    logger,
    redactor,
  });
  try {
    console.log(
      `Probing “${profile.name}” (${profile.environment})${variant ? `, variant ${values.variant}` : ''}…`,
    );
    const report = await service.run(profile.id, {
      placeTestOrder: values.sandbox || values['place-test-order'],
    });
    for (const order of report.testOrders) console.log(`test order (${order.supplier}): ${order.outcome}`);
    for (const problem of report.problems) console.log(`not probed: ${describeProblem(problem)}`);
    if (report.reportFile) console.log(`report: ${report.reportFile}`);
    if (values.apply) {
      const { file, applied } = await service.apply(report);
      console.log(
        file
          ? `applied ${applied.length} setting(s) to ${file}: ${applied.map((c) => `${c.supplier}.${c.setting}`).join(', ')}`
          : 'nothing to apply: no differing setting has a suggested value',
      );
    }
    // One line per setting, then the count: the last line is the verdict.
    for (const check of report.checks) console.log(formatCheck(check));
    console.log(formatSummary(report));
    return report.differ === 0 && report.problems.length === 0 ? 0 : 1;
  } finally {
    await stores.closeAll();
    await sandbox.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
