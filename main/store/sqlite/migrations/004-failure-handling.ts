/**
 * Failures: which failed items and needs_ops placements an agent has handled (with their note), and a partial
 * index so the Failures screen reads only failed and cancelled items, never the whole item table.
 */
export const failureHandlingSchema = `
CREATE TABLE failure_handling (
  failure_key TEXT PRIMARY KEY,
  agent TEXT NOT NULL,
  note TEXT NOT NULL,
  at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX order_items_failed ON order_items (state) WHERE state IN ('failed', 'cancelled');
CREATE INDEX placements_by_order ON placements (supplier, supplier_order_id);
`;
