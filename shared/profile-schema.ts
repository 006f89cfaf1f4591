import { z } from 'zod';
import { perCurrencySchema } from './points';

/**
 * Ascenda regions the desk knows a host for: `https://api.<region>[.uat].ascenda.com`. Only the US hosts are
 * documented (CONFIRMED); EU and AP follow the pattern unverified, and say so where they are offered.
 */
export const ASCENDA_REGIONS = [
  { code: 'us', label: 'United States', verified: true },
  { code: 'eu', label: 'Europe (unverified host)', verified: false },
  { code: 'ap', label: 'Asia Pacific (unverified host)', verified: false },
  { code: 'custom', label: 'Custom URL', verified: true },
] as const;

export function ascendaHostFor(region: string, environment: 'uat' | 'production'): string | null {
  if (region === 'custom') return null;
  return `https://api.${region}${environment === 'uat' ? '.uat' : ''}.ascenda.com`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS is mandatory for the suppliers (CONFIRMED); plain HTTP is allowed only on this machine (simulators). */
export const baseUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.replace(/\/+$/, ''));

function baseUrlProblem(value: string): string | null {
  if (value === '') return 'Enter a base URL';
  if (value.length > 300) return 'A base URL is at most 300 characters';
  if (!URL.canParse(value)) return 'Enter a full URL such as https://api.us.uat.ascenda.com';
  const url = new URL(value);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))) {
    return 'Use https:// (plain http:// only for 127.0.0.1 or localhost)';
  }
  if (url.username || url.password || url.search || url.hash)
    return 'A base URL carries no credentials, query or fragment';
  return null;
}

/** What the agent fills in for a new or edited profile; shared so the form shows the same errors main enforces. */
export const profileDraftSchema = z.object({
  name: z.string().trim().min(1, 'Enter a profile name').max(60, 'A profile name is at most 60 characters'),
  environment: z.enum(['uat', 'production'], { error: 'Choose UAT or Production' }),
  ascendaRegion: z.enum(ASCENDA_REGIONS.map((r) => r.code) as [string, ...string[]], {
    error: 'Choose a region',
  }),
  ascendaBaseUrl: baseUrlSchema,
  gcpBaseUrl: baseUrlSchema,
  /** Cost per point by currency; a currency without one shows "points unknown". */
  pointRates: perCurrencySchema('cost per point', 1000).default({}),
  agentName: z
    .string()
    .trim()
    .min(1, 'Enter the agent name for the audit log')
    .max(80, 'At most 80 characters'),
  /**
   * The largest face value one order may have on a Production profile, by currency (a guard against a slipped
   * digit); a Production order in a currency without one is refused until it is set.
   */
  maxOrderValues: perCurrencySchema('largest order value', 100_000_000).default({}),
  duplicateWindowDays: z
    .number({ error: 'Enter the duplicate window in days' })
    .int('Whole days')
    .min(1, 'At least 1 day')
    .max(90, 'At most 90 days')
    .default(7),
  unknownStatusAlertHours: z
    .number({ error: 'Enter the hours as a number' })
    .min(0.25, 'At least a quarter of an hour')
    .max(168, 'At most 168 hours (a week)')
    .default(4),
  /** Available deposit amounts that raise a low-balance alert (at most once a day each). */
  lowBalanceThresholds: z
    .array(
      z
        .number({ error: 'Thresholds are amounts, e.g. 1000, 250' })
        .positive('A threshold is more than 0')
        .max(1_000_000_000),
    )
    .max(5, 'At most 5 thresholds')
    .default([1000, 250]),
  /**
   * The GiftCard Partners deposit's currency (ISO code): thresholds, runway and quotes are in it. Empty until the
   * agent sets it or the first balance reading names one.
   */
  depositCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      (value) => value === '' || /^[A-Z]{3}$/.test(value),
      'Enter a 3-letter currency code such as USD, or leave it empty',
    )
    .default(''),
  /** Where "Request funding" opens: the supplier's portal (http or https only). */
  fundingPortalUrl: z
    .string()
    .trim()
    .max(500)
    .refine(
      (value) => value === '' || isWebAddress(value),
      'Enter an http:// or https:// address, or leave it empty',
    )
    .default(''),
});

function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
}

export type ProfileDraft = z.input<typeof profileDraftSchema>;

const fields = profileDraftSchema.shape;

/**
 * A partial edit: exactly the keys sent. zod keeps a field's default under `.partial()`, which would reset every
 * setting the agent did not touch (rates, limits) to its default; this schema has none.
 */
export const profileEditSchema = z.object({
  name: fields.name.optional(),
  environment: fields.environment.optional(),
  ascendaRegion: fields.ascendaRegion.optional(),
  ascendaBaseUrl: fields.ascendaBaseUrl.optional(),
  gcpBaseUrl: fields.gcpBaseUrl.optional(),
  pointRates: fields.pointRates.unwrap().optional(),
  agentName: fields.agentName.optional(),
  maxOrderValues: fields.maxOrderValues.unwrap().optional(),
  duplicateWindowDays: fields.duplicateWindowDays.unwrap().optional(),
  unknownStatusAlertHours: fields.unknownStatusAlertHours.unwrap().optional(),
  lowBalanceThresholds: fields.lowBalanceThresholds.unwrap().optional(),
  fundingPortalUrl: fields.fundingPortalUrl.unwrap().optional(),
  depositCurrency: fields.depositCurrency.unwrap().optional(),
});
export type ProfileEditDraft = z.input<typeof profileEditSchema>;

export const profileIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'A profile id is lowercase letters, digits and dashes');
