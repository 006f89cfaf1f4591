import { z } from 'zod';
import { SUPPLIER_NAMES, type Environment, type Supplier } from './domain';
import { profileIdSchema } from './profile-schema';

/**
 * The calibration probe's vocabulary: one line per INFERRED setting, comparing what the desk is configured to
 * expect with what the supplier actually answered.
 */
export type ConformanceVerdict = 'match' | 'differs' | 'not_observable';

export interface ConformanceCheck {
  supplier: Supplier;
  /** The setting's path in the supplier's settings table, e.g. `tokenEncoding` or `query.pageSize`. */
  setting: string;
  verdict: ConformanceVerdict;
  /** What the desk uses now, printable. */
  configured: string;
  /** What the supplier showed, printable; null when nothing could be seen. */
  observed: string | null;
  /** The value to set, printable; null when no value follows from what was seen (fix by hand). */
  suggest: string | null;
  /** The value `--apply` writes to the profile's calibration file; absent when there is none to write. */
  suggestedValue?: unknown;
  /** Why it is not observable, or what was seen in detail. */
  note: string | null;
}

export interface ConformanceReport {
  profileId: string;
  profileName: string;
  environment: Environment;
  startedAt: string;
  finishedAt: string;
  /** Whether one `DESK-PROBE-` order was placed (and under which reference) to see what only a create shows. */
  testOrders: Array<{ supplier: Supplier; reference: string; outcome: string }>;
  checks: ConformanceCheck[];
  /** A supplier the probe could not question at all (credentials refused, unreachable), in plain words. */
  problems: Array<{ supplier: Supplier; message: string }>;
  checked: number;
  differ: number;
  /** Where the redacted report was written; null when it could not be. */
  reportFile: string | null;
}

export const conformanceRequestSchema = z
  .object({
    profileId: profileIdSchema,
    /** Also place one `DESK-PROBE-` order per supplier (refused on Production). */
    placeTestOrder: z.boolean().default(false),
  })
  .strict();

const VERDICT_TEXT: Record<ConformanceVerdict, string> = {
  match: 'match',
  differs: 'differs',
  not_observable: 'not observable',
};

/** One printed line: `ascenda.tokenEncoding: differs (observed json, suggest json)`. */
export function formatCheck(check: ConformanceCheck): string {
  const head = `${check.supplier}.${check.setting}: ${VERDICT_TEXT[check.verdict]}`;
  if (check.verdict === 'differs') {
    const suggest = check.suggest ?? 'set by hand';
    return `${head} (observed ${check.observed ?? 'nothing'}, suggest ${suggest})`;
  }
  if (check.verdict === 'not_observable') return check.note ? `${head} (${check.note})` : head;
  return head;
}

/** The closing line: `probe: N settings checked, M differ`. */
export const formatSummary = (report: Pick<ConformanceReport, 'checked' | 'differ'>) =>
  `probe: ${report.checked} settings checked, ${report.differ} differ`;

export const describeProblem = (problem: { supplier: Supplier; message: string }) =>
  `${SUPPLIER_NAMES[problem.supplier]}: ${problem.message}`;
