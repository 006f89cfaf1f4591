/**
 * The agent's day. The refund ledger and notes are append-only (the latest ledger entry of a refund decides its
 * state; a reversal is a new entry). `profile_state` keeps what a profile remembers between sessions (saved views,
 * the background sync's pause); `leases` gives one holder at a time a named job (the history sync), with an expiry
 * a later shared store can take over. Bulk batches and their rows persist so a batch resumes after a crash. Orders
 * keep the deposit cost apart from the face value, so "Total" means face value for both suppliers, and GiftCard
 * Partners orders list their products by the catalogue's names (searchable), not by id.
 */
export const agentDaySchema = `
CREATE TABLE refund_ledger (
  id INTEGER PRIMARY KEY,
  refund_key TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('refunded', 'not_owed', 'reopened')),
  transaction_id TEXT,
  reason TEXT,
  supplier TEXT NOT NULL,
  reference TEXT NOT NULL,
  member_id TEXT,
  reason_code TEXT NOT NULL,
  points INTEGER,
  points_basis TEXT,
  value REAL,
  currency TEXT,
  agent TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX refund_ledger_by_key ON refund_ledger (refund_key, id);
CREATE INDEX refund_ledger_by_at ON refund_ledger (at);
CREATE TRIGGER refund_ledger_append_only_update BEFORE UPDATE ON refund_ledger
BEGIN SELECT RAISE(ABORT, 'the refund ledger is append-only'); END;
CREATE TRIGGER refund_ledger_append_only_delete BEFORE DELETE ON refund_ledger
BEGIN SELECT RAISE(ABORT, 'the refund ledger is append-only'); END;

CREATE TABLE order_notes (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL CHECK (supplier IN ('ascenda', 'gcp')),
  reference TEXT NOT NULL,
  member_id TEXT,
  text TEXT NOT NULL,
  agent TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX order_notes_by_reference ON order_notes (reference, supplier);
CREATE INDEX order_notes_by_member ON order_notes (member_id) WHERE member_id IS NOT NULL;
CREATE TRIGGER order_notes_append_only_update BEFORE UPDATE ON order_notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
CREATE TRIGGER order_notes_append_only_delete BEFORE DELETE ON order_notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;

CREATE INDEX audit_log_by_agent ON audit_log (agent, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_subject ON audit_log (subject, id);

CREATE TABLE profile_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE bulk_batches (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL CHECK (supplier IN ('ascenda', 'gcp')),
  file_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('ready', 'running', 'paused', 'done')),
  row_count INTEGER NOT NULL,
  totals TEXT NOT NULL,
  agent TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE bulk_rows (
  batch_id INTEGER NOT NULL REFERENCES bulk_batches (id),
  line INTEGER NOT NULL,
  reference TEXT NOT NULL,
  member_id TEXT,
  request TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'placing', 'placed', 'held', 'failed')),
  placement_id INTEGER,
  message TEXT,
  held TEXT,
  override TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (batch_id, line)
) WITHOUT ROWID;
CREATE INDEX bulk_rows_by_state ON bulk_rows (batch_id, state);

ALTER TABLE orders ADD COLUMN deposit_cost REAL;
UPDATE orders SET deposit_cost = total WHERE supplier = 'gcp';
UPDATE orders SET total = (
  SELECT CASE WHEN count(*) = count(i.value) THEN round(sum(i.value * COALESCE(i.quantity, 1)), 2) END
  FROM order_items i WHERE i.order_id = orders.id
) WHERE supplier = 'gcp';
CREATE INDEX order_items_open ON order_items (state) WHERE state IN ('pending', 'processing');
UPDATE orders SET products = COALESCE((SELECT group_concat(name, ', ') FROM (
    SELECT DISTINCT COALESCE(i.product_name, c.name, i.product_id) AS name FROM order_items i
    LEFT JOIN catalogue_items c ON c.supplier = 'gcp' AND c.item_id = i.product_id WHERE i.order_id = orders.id
  )), products)
  WHERE supplier = 'gcp';
`;
