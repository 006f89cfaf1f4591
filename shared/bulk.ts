import { z } from 'zod';
import { supplierSchema, type Supplier } from './domain';
import { formatMoney } from './format';
import type { IntentMatch } from './intents';
import {
  faceValue,
  orderFacts,
  type PlacementOutcome,
  type PlacementOrder,
  type PlacementState,
} from './placement';
import type { PerCurrency } from './refunds';

/**
 * Bulk recovery from CSV: one template per supplier with the order form's fields (the member id and the client
 * system's reference included). Each column names the form field it fills.
 */
export const BULK_COLUMNS: Record<Supplier, Record<string, string>> = {
  ascenda: {
    reference: 'reference',
    memberId: 'memberId',
    giftCardId: 'giftCardId',
    value: 'value',
    currency: 'currency',
    recipientEmail: 'recipient.email',
    recipientPhoneNumber: 'recipient.phoneNumber',
    recipientFirstName: 'recipient.firstName',
    recipientLastName: 'recipient.lastName',
  },
  gcp: {
    reference: 'reference',
    memberId: 'memberId',
    productId: 'productId',
    deliveryType: 'deliveryType',
    value: 'value',
    quantity: 'quantity',
    email: 'email',
    sms: 'sms',
    personalizationTo: 'personalization.to',
    personalizationFromName: 'personalization.fromName',
    personalizationFromEmail: 'personalization.fromEmail',
    personalizationMessage: 'personalization.message',
    shippingMethodId: 'physical.shippingMethodId',
    carrierId: 'physical.carrierId',
    shipToName: 'physical.name',
    addressLine1: 'physical.addressLine1',
    addressLine2: 'physical.addressLine2',
    city: 'physical.city',
    state: 'physical.state',
    zip: 'physical.zip',
    country: 'physical.country',
  },
};

/** Columns every row must fill (the rest are optional or depend on the card or delivery type). */
export const BULK_REQUIRED: Record<Supplier, string[]> = {
  ascenda: ['reference', 'memberId', 'giftCardId', 'value', 'currency'],
  gcp: ['reference', 'memberId', 'productId', 'deliveryType', 'value', 'quantity'],
};

/** A file is read whole over IPC (1 MB); more rows than this are several batches. */
export const BULK_MAX_ROWS = 5_000;

export type BulkBatchState = 'ready' | 'running' | 'paused' | 'done';
/** pending: not sent yet; placing: being journaled (a crash here is settled from the journal on resume). */
export type BulkRowState = 'pending' | 'placing' | 'placed' | 'held' | 'failed';

export interface BulkRow {
  line: number;
  reference: string;
  memberId: string | null;
  state: BulkRowState;
  order: PlacementOrder;
  placementId: number | null;
  /** The placement's state and outcome, read from the journal. */
  placement: { state: PlacementState; outcome: PlacementOutcome | null } | null;
  message: string | null;
  /** What the duplicate-intent guard found (held rows). */
  held: IntentMatch[] | null;
  /** The agent's typed reason to place a held row anyway. */
  override: string | null;
}

export interface BulkBatch {
  id: number;
  supplier: Supplier;
  fileName: string;
  state: BulkBatchState;
  rowCount: number;
  /** Face value per currency of the whole batch: what Production asks to have typed back. */
  totals: PerCurrency;
  agent: string;
  /** Why the batch paused by itself (credentials, an unreachable supplier), in plain words. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  counts: Record<BulkRowState, number>;
}

export interface BulkBadRow {
  line: number;
  reference: string | null;
  errors: string[];
}

/** The check of a whole file: nothing is sent until every row passes. */
export interface BulkValidation {
  supplier: Supplier;
  fileName: string;
  rows: number;
  /** Problems with the file itself (unknown or missing columns, too many rows, unreadable CSV). */
  fileErrors: string[];
  bad: BulkBadRow[];
  totals: PerCurrency;
  /** The batch ready to start, when every row passed. */
  batch: BulkBatch | null;
}

export const bulkValidateSchema = z
  .object({
    supplier: supplierSchema,
    fileName: z.string().trim().min(1).max(200),
    /** The file's text: at most 1 MB crosses the bridge. */
    csv: z.string().max(1_000_000, 'The file is over 1 MB: split it into smaller files'),
  })
  .strict();

const batchId = z.number().int().positive();

export const bulkStartSchema = z
  .object({
    batchId,
    /** Production: the row count and the total per currency, typed back by the agent. */
    confirmation: z
      .object({
        count: z.number().int().nonnegative(),
        totals: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().nonnegative()),
      })
      .strict()
      .optional(),
  })
  .strict();

export const bulkBatchSchema = z.object({ batchId }).strict();

export const bulkReleaseSchema = z
  .object({
    batchId,
    line: z.number().int().positive(),
    reason: z
      .string({ error: 'Type a reason' })
      .trim()
      .min(10, 'Type a reason of at least 10 characters')
      .max(500, 'A reason is at most 500 characters'),
  })
  .strict();

/** The face value of a batch per currency, as typed back on Production (rounded to cents). */
export function batchTotals(orders: PlacementOrder[]): PerCurrency {
  const totals: PerCurrency = {};
  for (const order of orders) {
    const currency = orderFacts(order).currency ?? 'unknown';
    totals[currency] = Math.round(((totals[currency] ?? 0) + faceValue(order)) * 100) / 100;
  }
  return totals;
}

/**
 * What is wrong with a Production batch's typed-back confirmation: the row count and every currency's total must
 * be typed exactly (to the cent), and no currency the batch does not hold. Null when it matches.
 */
export function confirmationProblem(
  batch: Pick<BulkBatch, 'rowCount' | 'totals'>,
  typed: { count: number; totals: Record<string, number> } | undefined,
): string | null {
  const currencies = new Set([...Object.keys(batch.totals), ...Object.keys(typed?.totals ?? {})]);
  const matches =
    typed !== undefined &&
    typed.count === batch.rowCount &&
    [...currencies].every(
      (c) => Math.abs((typed.totals[c] ?? Number.NaN) - (batch.totals[c] ?? Number.NaN)) < 0.005,
    );
  if (matches) return null;
  const expected = Object.entries(batch.totals)
    .map(([currency, total]) => formatMoney(total, currency))
    .join(', ');
  return `On Production, type back the number of rows and the total per currency exactly (this batch: ${batch.rowCount.toLocaleString('en-US')} rows, ${expected}). Nothing was sent.`;
}
