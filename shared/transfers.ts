import { z } from 'zod';
import type { CatalogueFreshness } from './catalogue';

/**
 * Points transfers on Ascenda (api-notes/ascenda.md §17): a member's points sent to an airline or hotel
 * programme. Most complete in real time, some take up to 5 business days (CONFIRMED, PT-GUIDE); only `fulfilled`
 * is success, and a failed or cancelled transfer owes the member exactly the points they redeemed.
 */

/** One loyalty programme as Ascenda lists it (fields INFERRED; only the id is required of the supplier). */
export interface LoyaltyProgram {
  supplier: 'ascenda';
  id: string;
  name: string;
  /** The smallest, largest and step of a transfer amount, in the programme's own units; null when not given. */
  minAmount: number | null;
  maxAmount: number | null;
  increment: number | null;
  /** Programme units credited per point redeemed, where the supplier says (display only). */
  conversionRate: number | null;
  /** The programme's IANA time zone, where given: business days are counted in it (else UTC). */
  timeZone: string | null;
  /** What the programme calls its units ("miles", "points", "grams of CO2"), where given. */
  unitName: string | null;
  /** How long a transfer typically takes to credit, in words, where given. */
  timeToCredit: string | null;
}

/** The cached programmes and whether they are fresh (Ascenda's catalogue rule: never fresh after an hour). */
export interface ProgramSnapshot {
  entries: ProgramEntry[];
  freshness: CatalogueFreshness;
}

export interface ProgramEntry {
  program: LoyaltyProgram;
  fetchedAt: string;
  /** False when the programme disappeared from the supplier's listing: transfers to it are refused. */
  available: boolean;
}

/** Why an amount breaks a programme's rules, or null. */
export function amountProblem(program: LoyaltyProgram, amount: number): string | null {
  const unit = program.unitName ?? 'units';
  if (!Number.isInteger(amount) || amount <= 0) return `Enter a whole number of ${unit} above 0`;
  if (program.minAmount !== null && amount < program.minAmount)
    return `${program.name} takes at least ${program.minAmount.toLocaleString('en-US')} ${unit}`;
  if (program.maxAmount !== null && amount > program.maxAmount)
    return `${program.name} takes at most ${program.maxAmount.toLocaleString('en-US')} ${unit}`;
  const base = program.minAmount ?? 0;
  if (program.increment !== null && program.increment > 0 && (amount - base) % program.increment !== 0)
    return `${program.name} takes amounts in steps of ${program.increment.toLocaleString('en-US')} ${unit}${base ? ` from ${base.toLocaleString('en-US')}` : ''}`;
  return null;
}

const name = (max: number, missing: string) => z.string().trim().min(1, missing).max(max);

/** The member's programme membership, as the programme knows it: checked with Ascenda before any transfer. */
export const membershipSchema = z.object({
  id: name(64, 'Enter the membership number').regex(/^\S+$/, 'A membership number has no spaces'),
  firstName: name(80, 'Enter the first name on the membership'),
  lastName: name(80, 'Enter the last name on the membership'),
});
export type Membership = z.infer<typeof membershipSchema>;

export const membershipCheckSchema = z
  .object({ programId: z.string().trim().min(1).max(100), membership: membershipSchema })
  .strict();

/** What a membership check said, in words an agent can pass on. */
export interface MembershipCheck {
  valid: boolean;
  /** The supplier's code on a refusal (NN1301, TC4xxxx), else null. */
  code: string | null;
  title: string;
  /** What it means. */
  meaning: string;
  /** What to ask the member. */
  askMember: string;
  /** Whether checking again (after a correction, or later) can succeed. */
  retry: 'after_correction' | 'later' | 'no';
  /** The supplier's own words, verbatim, for the ticket. */
  supplierMessage: string | null;
}

/** Transfers may take up to 5 business days (CONFIRMED): not stuck before then. */
export const TRANSFER_BUSINESS_DAYS = 5;

export { businessDaysAfter } from './business-time';
