/**
 * Supplier orders a history sync could not read (or could not cache: no reference), named by their id and the
 * field at fault, so the agent sees them instead of losing them silently. An order read fine later leaves it.
 */
export const quarantinedOrdersSchema = `
CREATE TABLE quarantined_orders (
  supplier TEXT NOT NULL,
  record_key TEXT NOT NULL,
  supplier_order_id TEXT,
  field_path TEXT NOT NULL,
  problem TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  PRIMARY KEY (supplier, record_key)
) WITHOUT ROWID;
`;
