import { z } from 'zod';
import type { Supplier } from './domain';

/**
 * The daily (and on-demand) reconciliation: the suppliers' order history against the desk's journal and the
 * deposit's movements. Every line says what was found and what it means.
 */
export type ReconciliationKind =
  /** An order in a supplier's history that this desk's journal did not place. */
  | 'not_journaled'
  /** An order a supplier handed back to one of our placements that is not ours, and not in its history. */
  | 'foreign_order'
  /** A placement the desk confirmed whose order is missing from the supplier's (synced) history. */
  | 'confirmed_missing'
  /** A placement refused by the supplier (nothing ordered) whose reference is in the supplier's history. */
  | 'rejected_but_ordered'
  /** A placement still in doubt: no supplier order known for it yet. */
  | 'in_doubt'
  /** A fall in the deposit's Available balance that the orders placed meanwhile do not explain. */
  | 'unexplained_deposit_drop';

export const RECONCILIATION_TITLES: Record<ReconciliationKind, string> = {
  not_journaled: 'At the supplier, not placed from this desk',
  foreign_order: 'Handed back by the supplier, not ours',
  confirmed_missing: 'Confirmed by the desk, missing from the supplier’s history',
  rejected_but_ordered: 'Refused, yet in the supplier’s history',
  in_doubt: 'Journaled, no supplier order known yet',
  unexplained_deposit_drop: 'Deposit fell more than its orders explain',
};

/** Lines that need a person: money may have moved without the desk knowing why. */
export const RECONCILIATION_SERIOUS: readonly ReconciliationKind[] = [
  'foreign_order',
  'confirmed_missing',
  'rejected_but_ordered',
  'unexplained_deposit_drop',
];

export interface ReconciliationLine {
  kind: ReconciliationKind;
  supplier: Supplier;
  reference: string | null;
  supplierOrderId: string | null;
  placementId: number | null;
  at: string | null;
  amount: number | null;
  currency: string | null;
  /** What was found, and what it means, in plain words. */
  explanation: string;
}

export interface ReconciliationReport {
  id: string;
  trigger: 'daily' | 'on_demand';
  from: string;
  to: string;
  generatedAt: string;
  /** When each supplier's history was last synced: lines about missing orders mean little before that. */
  historyAsOf: Partial<Record<Supplier, string | null>>;
  counts: Partial<Record<ReconciliationKind, number>>;
  lines: ReconciliationLine[];
  /** The CSV written to the exports folder. */
  file: string;
}

export const reconciliationRunSchema = z
  .object({
    /** ISO date-times; by default the 24 hours before now. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
