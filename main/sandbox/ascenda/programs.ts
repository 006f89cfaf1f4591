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

/** The refusal a membership number draws, by its ending (after the programme's format check). */
export const MEMBERSHIP_REFUSALS: Array<{ endsWith: string; code: string; message: string; status: number }> =
  [
    { endsWith: '1301', code: 'NN1301', message: 'Member identifier is invalid', status: 422 },
    {
      endsWith: '0002',
      code: 'TC40002',
      message: 'Account not eligible: inactive or suspended',
      status: 422,
    },
    { endsWith: '0010', code: 'TC40010', message: 'Credit halted: suspected fraud', status: 422 },
    {
      endsWith: '0101',
      code: 'TC40101',
      message: 'Member identifier invalid / general credit failure',
      status: 422,
    },
  ];

/** A transfer to a membership number ending like this fails after being accepted, with this network code. */
export const TRANSFER_FAILURES: Array<{ endsWith: string; code: string; message: string }> = [
  { endsWith: '4444', code: 'TC40002', message: 'Account not eligible at the time of credit' },
  { endsWith: '5555', code: 'TC40101', message: 'General credit failure at the programme' },
];

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
