import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConformanceCheck, ConformanceReport } from '../../../shared/conformance';
import { SUPPLIERS } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { Redactor } from '../../log/redactor';
import type { CacheStores } from '../cache-stores';
import type { CalibrationFiles } from './calibration';
import type { ProfileService } from '../profiles/profiles';
import type { SupplierClients } from './supplier-clients';
import type { DataPaths } from '../../environment/data-paths';

export interface ConformanceDeps {
  paths: DataPaths;
  profiles: ProfileService;
  clients: SupplierClients;
  calibration: CalibrationFiles;
  stores: CacheStores;
  logger: Logger;
  redactor: Redactor;
  now?: () => number;
}

/** The probe makes many small reads: deadlines a supplier meets on a good day, and few waits on a rate limit. */
const PROBE_TUNING = {
  timeouts: { readMs: 10_000, createMs: 30_000, tokenMs: 10_000 },
  rateLimit: { maxRetries: 2, maxWaitMs: 5_000, backoffMs: 500 },
};

/**
 * The calibration probe for a profile: asks each supplier what every INFERRED setting really is, writes a
 * redacted report to `<data folder>/probe/`, and can lay the suggested values over the profile's calibration.
 * A test order (one `DESK-PROBE-` order per supplier) is audited, and never placed on a Production profile.
 */
export class ConformanceService {
  private readonly now: () => number;

  constructor(private readonly deps: ConformanceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async run(profileId: string, options: { placeTestOrder: boolean }): Promise<ConformanceReport> {
    const profile = this.deps.profiles.get(profileId);
    if (options.placeTestOrder && profile.environment === 'production') {
      throw new AppError(
        'VALIDATION',
        `A test order is never placed on a Production profile (“${profile.name}”): it would spend real money. Check conformance without one (read-only).`,
      );
    }
    const startedAt = new Date(this.now()).toISOString();
    const stamp = startedAt.replace(/\D/g, '').slice(0, 14);
    const checks: ConformanceCheck[] = [];
    const problems: ConformanceReport['problems'] = [];
    const testOrders: ConformanceReport['testOrders'] = [];
    for (const supplier of SUPPLIERS) {
      const reference = `DESK-PROBE-${stamp}-${randomBytes(3).toString('hex').toUpperCase()}`;
      try {
        const port = await this.deps.clients.fresh(profileId, supplier, PROBE_TUNING);
        if (options.placeTestOrder) {
          await this.deps.stores
            .for(profileId)
            .audit.append(profile.agentName, 'conformance test order', reference, { supplier });
        }
        const result = await port.probe({
          testOrder: options.placeTestOrder
            ? { reference, transactedAt: new Date(this.now()).toISOString() }
            : null,
        });
        checks.push(...result.checks);
        if (result.testOrder !== null) testOrders.push({ supplier, reference, outcome: result.testOrder });
      } catch (error) {
        problems.push({ supplier, message: error instanceof Error ? error.message : String(error) });
        this.deps.logger.warn('conformance probe failed', { profileId, supplier, error });
      }
    }
    const report: ConformanceReport = {
      profileId,
      profileName: profile.name,
      environment: profile.environment,
      startedAt,
      finishedAt: new Date(this.now()).toISOString(),
      testOrders,
      checks,
      problems,
      checked: checks.length,
      differ: checks.filter((c) => c.verdict === 'differs').length,
      reportFile: null,
    };
    const redacted = this.deps.redactor.value(report) as ConformanceReport;
    redacted.reportFile = this.write(redacted, stamp);
    this.deps.logger.info('conformance probe', {
      profileId,
      checked: report.checked,
      differ: report.differ,
      problems: problems.length,
      file: redacted.reportFile,
    });
    return redacted;
  }

  /**
   * Writes every suggested value of a report to the profile's calibration file (the probe's `--apply`); clients
   * are rebuilt with it on their next use. Returns the file and how many settings it set.
   */
  async apply(report: ConformanceReport): Promise<{ file: string | null; applied: ConformanceCheck[] }> {
    const applied = report.checks.filter((c) => c.verdict === 'differs' && c.suggestedValue !== undefined);
    if (applied.length === 0) return { file: null, applied };
    const file = this.deps.calibration.apply(
      report.profileId,
      applied.map((c) => ({ supplier: c.supplier, setting: c.setting, value: c.suggestedValue })),
    );
    this.deps.clients.invalidate(report.profileId);
    const profile = this.deps.profiles.get(report.profileId);
    await this.deps.stores
      .for(report.profileId)
      .audit.append(profile.agentName, 'calibration applied', file, {
        settings: applied.map((c) => `${c.supplier}.${c.setting}`),
      });
    return { file, applied };
  }

  /** The report as JSON in `<data folder>/probe/` (what "Export diagnostics" picks up); null if it cannot be. */
  private write(report: ConformanceReport, stamp: string): string | null {
    const folder = this.deps.paths.probe;
    const file = path.join(
      folder,
      `probe-${report.profileId}-${stamp}-${randomBytes(2).toString('hex')}.json`,
    );
    try {
      mkdirSync(folder, { recursive: true });
      const temp = `${file}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ ...report, reportFile: file }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, file);
      return file;
    } catch (error) {
      this.deps.logger.error('probe report not written', { file, error });
      return null;
    }
  }
}
