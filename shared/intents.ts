import type { Supplier } from './domain';

/**
 * What the duplicate-intent guard found before a placement (ARCHITECTURE "Money-safe outcomes": a second
 * payment is always deliberate). Placing anyway needs a typed reason, which is audited.
 */
export interface IntentMatch {
  source: 'journal' | 'cache';
  supplier: Supplier;
  reference: string;
  /** The journal's placement, when the match is one. */
  placementId: number | null;
  /** The cached order's row id (opens it in History or Lookup), when the match is one. */
  orderId: number | null;
  supplierOrderId: string | null;
  /** Placement or order state as the desk names it. */
  state: string;
  /** Still in doubt: the desk cannot yet say whether the member has this order. */
  inDoubt: boolean;
  at: string | null;
  /** One line: why this counts as the same intent. */
  why: string;
}

export interface IntentCheck {
  member: string;
  windowDays: number;
  matches: IntentMatch[];
}

/** Where a reference is already used: a new placement with it is refused before anything is sent. */
export interface ReferenceUse {
  source: 'journal' | 'cache';
  supplier: Supplier;
  reference: string;
  placementId: number | null;
  orderId: number | null;
  state: string;
}
