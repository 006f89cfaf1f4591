/**
 * The Sandbox's loyalty programmes and members, for points transfers: realistic rules (minimum, maximum,
 * increment, conversion, time zone), programmes that credit at once or after business days, and membership
 * numbers that draw each refusal Ascenda documents (api-notes/ascenda.md §17).
 */

export interface SimProgram {
  id: string;
  name: string;
  min_amount: number;
  max_amount: number;
  increment: number;
  conversion_rate: number | null;
  time_zone: string | null;
  unit_name: string;
  time_to_credit: string;
  /** Business days before a transfer settles (0: at once). */
  creditAfterBusinessDays: number;
  /** How a membership number must look for this programme (a TC40000 when it does not). */
  membershipPattern: RegExp;
}

export const SIM_PROGRAMS: SimProgram[] = [
  {
    id: 'lp_skyward',
    name: 'Skyward Miles',
    min_amount: 1_000,
    max_amount: 500_000,
    increment: 500,
    conversion_rate: 1,
    time_zone: 'Asia/Dubai',
    unit_name: 'miles',
    time_to_credit: 'Instant',
    creditAfterBusinessDays: 0,
    membershipPattern: /^EK\d{9}$/,
  },
  {
    id: 'lp_krisflyer',
    name: 'KrisFlyer',
    min_amount: 500,
    max_amount: 250_000,
    increment: 250,
    conversion_rate: 0.8,
    time_zone: 'Asia/Singapore',
    unit_name: 'miles',
    time_to_credit: 'Up to 5 business days',
    creditAfterBusinessDays: 3,
    membershipPattern: /^\d{10}$/,
  },
  {
    id: 'lp_avios',
    name: 'Avios',
    min_amount: 1_000,
    max_amount: 1_000_000,
    increment: 1_000,
    conversion_rate: 1,
    time_zone: 'Europe/London',
    unit_name: 'Avios',
    time_to_credit: 'Within 2 business days',
    creditAfterBusinessDays: 2,
    membershipPattern: /^\d{8,9}$/,
  },
  {
    id: 'lp_bonvoy',
    name: 'Bonvoy Points',
    min_amount: 2_000,
    max_amount: 300_000,
    increment: 1_000,
    conversion_rate: 1.5,
    time_zone: 'America/New_York',
    unit_name: 'points',
    time_to_credit: 'Up to 5 business days',
    creditAfterBusinessDays: 5,
    membershipPattern: /^\d{9}$/,
  },
  {
    id: 'lp_asiamiles',
    name: 'Asia Miles',
    min_amount: 1_000,
    max_amount: 200_000,
    increment: 1_000,
    conversion_rate: null,
    time_zone: null,
    unit_name: 'miles',
    time_to_credit: 'Instant',
    creditAfterBusinessDays: 0,
    membershipPattern: /^\d{10}$/,
  },
  {
    id: 'lp_carbon',
    name: 'Carbon Offset Fund',
    min_amount: 1_000,
    max_amount: 1_000_000,
    increment: 1,
    conversion_rate: 10,
    time_zone: 'UTC',
    unit_name: 'grams of CO2',
    time_to_credit: 'Instant',
    creditAfterBusinessDays: 0,
    membershipPattern: /^\S+$/,
  },
];

/**
 * Membership numbers with a fixed answer, so an agent (or a test) can meet every refusal: the number's last
 * digits name the code. Names are checked against the record: the record holds the last name "Tan".
 */
export const SIM_MEMBER_LAST_NAME = 'Tan';

/** A programme's (or Ascenda's) refusal of a membership, as the validate endpoint answers it. */
export interface MembershipRefusal {
  code: string;
  message: string;
  status: number;
}

/** The refusal a membership number draws, by its ending (after the programme's format check). */
export const MEMBERSHIP_REFUSALS: Array<MembershipRefusal & { endsWith: string }> = [
  { endsWith: '1301', code: 'NN1301', message: 'Member identifier is invalid', status: 422 },
  { endsWith: '0002', code: 'TC40002', message: 'Account not eligible: inactive or suspended', status: 422 },
  { endsWith: '0010', code: 'TC40010', message: 'Credit halted: suspected fraud', status: 422 },
  {
    endsWith: '0101',
    code: 'TC40101',
    message: 'Member identifier invalid / general credit failure',
    status: 422,
  },
];

/**
 * What becomes of a transfer to a membership that passes the check, by the number's ending: it is accepted, then
 * ends this way when it settles (`stuck`: never settles, for "stuck" escalation). Any other ending is credited.
 */
export const TRANSFER_ENDINGS: Array<{
  endsWith: string;
  outcome: 'failed' | 'cancelled' | 'stuck';
  error: { code: string; message: string } | null;
}> = [
  {
    endsWith: '4444',
    outcome: 'failed',
    error: { code: 'TC40002', message: 'Account not eligible at the time of credit' },
  },
  {
    endsWith: '5555',
    outcome: 'failed',
    error: { code: 'TC40101', message: 'General credit failure at the programme' },
  },
  {
    endsWith: '7777',
    outcome: 'cancelled',
    error: { code: 'TC40010', message: 'Transfer cancelled: credit halted as suspected fraud' },
  },
  { endsWith: '9999', outcome: 'stuck', error: null },
];

export interface SimMembership {
  id: string;
  first_name: string;
  last_name: string;
}

/**
 * The programme's verdict on a membership, in the order a programme checks: the number's format (TC40000), the
 * endings that draw each documented refusal, then the name on record (TC40001). Null: the programme knows it.
 */
export function checkMembership(program: SimProgram, membership: SimMembership): MembershipRefusal | null {
  if (!program.membershipPattern.test(membership.id))
    return {
      code: 'TC40000',
      message: `Membership id is not accepted by ${program.name}`,
      status: 422,
    };
  const refusal = MEMBERSHIP_REFUSALS.find((r) => membership.id.endsWith(r.endsWith));
  if (refusal) return { code: refusal.code, message: refusal.message, status: refusal.status };
  if (membership.last_name.trim().toLowerCase() !== SIM_MEMBER_LAST_NAME.toLowerCase())
    return {
      code: 'TC40001',
      message: 'Member name does not match the programme record',
      status: 422,
    };
  return null;
}

/** Why an amount breaks a programme's rules (the NN1001 message), or null. */
export function amountRuleBroken(program: SimProgram, amount: number): string | null {
  const { min_amount: min, max_amount: max, increment } = program;
  if (amount < min || amount > max || (amount - min) % increment !== 0)
    return `amount must be from ${min} to ${max} ${program.unit_name}, in steps of ${increment}`;
  return null;
}

/** The programme's listing as Ascenda is INFERRED to send it. */
export function programWire(program: SimProgram) {
  return {
    id: program.id,
    name: program.name,
    min_amount: program.min_amount,
    max_amount: program.max_amount,
    increment: program.increment,
    conversion_rate: program.conversion_rate,
    time_zone: program.time_zone,
    unit_name: program.unit_name,
    time_to_credit: program.time_to_credit,
  };
}
