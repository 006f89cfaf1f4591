import { z } from 'zod';
import { supplierSchema, type Supplier } from './domain';
import { reasonSchema } from './placement';
import type { PointsBasis } from './points';

/**
 * The refund ledger (ARCHITECTURE "Money-safe outcomes"): every failed or cancelled item, gift card or transfer,
 * and every placement resolved "not ours" without our own order found, owes the member a refund. An agent records
 * it as refunded (with the loyalty system's transaction id) or as not owed (with a reason); either is reversed
 * only by a new entry. Entries are append-only; the latest one of a refund decides its state.
 */
export const REFUND_ACTIONS = ['refunded', 'not_owed', 'reopened'] as const;
export type RefundAction = (typeof REFUND_ACTIONS)[number];

/**
 * owed: nothing recorded (or the last recording was reversed). refunded / not_owed: recorded.
 * handled_before_ledger: marked handled with a note by a desk older than the ledger (counts as recorded).
 */
export type RefundStatus = 'owed' | 'refunded' | 'not_owed' | 'handled_before_ledger';

export const RECORDED: readonly RefundStatus[] = ['refunded', 'not_owed', 'handled_before_ledger'];

/** One ledger entry, with what the refund was worth when it was written. */
export interface RefundEntry {
  id: number;
  key: string;
  action: RefundAction;
  /** The loyalty system's transaction id (refunded only). */
  transactionId: string | null;
  /** Why it is not owed, or why a recording was reversed. */
  reason: string | null;
  supplier: Supplier;
  reference: string;
  memberId: string | null;
  /** The supplier's code (or the desk's group) the refund is owed for. */
  reasonCode: string;
  points: number | null;
  /** Where the points came from: journaled with the order, today's rate, or an agent's correction. */
  pointsBasis: PointsBasis | 'corrected' | null;
  value: number | null;
  currency: string | null;
  agent: string;
  at: string;
}

export interface LedgerState {
  status: RefundStatus;
  /** The latest entry (a recording or a reversal); null when none was ever written. */
  latest: RefundEntry | null;
  /** A pre-ledger "Mark handled" note, when that is what settled it. */
  legacy: { agent: string; note: string; at: string } | null;
}

/** A loyalty system's transaction id: printable text, no line breaks. */
export const transactionIdSchema = z
  .string({ error: 'Enter the transaction id from the loyalty system' })
  .trim()
  .min(1, 'Enter the transaction id from the loyalty system')
  .max(100, 'A transaction id is at most 100 characters')
  .regex(/^[^\p{Cc}]+$/u, 'A transaction id is printable text on one line');

const refundKey = z.string().min(1).max(400);

export const refundRecordSchema = z.discriminatedUnion('action', [
  z.object({ key: refundKey, action: z.literal('refunded'), transactionId: transactionIdSchema }).strict(),
  z.object({ key: refundKey, action: z.literal('not_owed'), reason: reasonSchema }).strict(),
]);
export type RefundRecordInput = z.infer<typeof refundRecordSchema>;

export const refundReopenSchema = z.object({ key: refundKey, reason: reasonSchema }).strict();

export const ledgerFilterSchema = z
  .object({
    status: z.enum(['owed', 'recorded', 'all']).optional(),
    supplier: supplierSchema.optional(),
    /** ISO date-times: the entry's time for recorded refunds, the order's creation for owed ones. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    agent: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>;

/** Money per currency: currencies are never added together. */
export type PerCurrency = Record<string, number>;

export interface LedgerDayTotal {
  /** YYYY-MM-DD in UTC. */
  day: string;
  owedCount: number;
  owedPoints: number;
  owedValue: PerCurrency;
  refundedCount: number;
  refundedPoints: number;
  refundedValue: PerCurrency;
  notOwedCount: number;
}

export interface LedgerAgentTotal {
  agent: string;
  refundedCount: number;
  refundedPoints: number;
  refundedValue: PerCurrency;
  notOwedCount: number;
  reopenedCount: number;
}

export interface LedgerTotals {
  owedCount: number;
  owedPoints: number;
  /** Owed refunds whose points cannot be priced (no rate, or a value not returned). */
  owedUnpriced: number;
  owedValue: PerCurrency;
  refundedCount: number;
  refundedPoints: number;
  refundedValue: PerCurrency;
  byDay: LedgerDayTotal[];
  byAgent: LedgerAgentTotal[];
}

/** The day (UTC) an instant falls on, as totals are grouped. */
export const utcDay = (iso: string | null): string =>
  iso ? new Date(iso).toISOString().slice(0, 10) : 'unknown';

/** "already recorded by Ana at 26 Nov 2026, 14:05 UTC": the answer to a second recording. */
export const alreadyRecorded = (entry: Pick<RefundEntry, 'agent' | 'at'>, when: string) =>
  `already recorded by ${entry.agent} at ${when}`;
