/**
 * Money-safe outcomes. Order items keep a fact the supplier did not return as NULL (never '', 0 or 1), so the
 * item table is rebuilt with nullable product, value and quantity (its error rows move with it). The journal
 * gains what verification, the intent guard and corrections need: the member, the revision and its fixed
 * transaction time, the rate the points were priced at, the order handed back that is not provably ours, and
 * every earlier revision of the request (append-only). Points an agent corrects (for orders priced at today's
 * rate, not a journaled one) are kept append-only too: the latest line per order is the one that counts.
 */
export const moneySafeJournalSchema = `
CREATE TABLE order_items_v7 (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  state TEXT NOT NULL,
  supplier_status TEXT NOT NULL,
  product_id TEXT,
  product_name TEXT,
  value REAL,
  currency TEXT,
  quantity INTEGER,
  recipient_email TEXT,
  recipient_phone TEXT,
  recipient_name TEXT,
  rewards_issued INTEGER NOT NULL,
  PRIMARY KEY (order_id, item_id)
) WITHOUT ROWID;
INSERT INTO order_items_v7 SELECT order_id, item_id, position, state, supplier_status, product_id, product_name,
  value, currency, quantity, recipient_email, recipient_phone, recipient_name, rewards_issued FROM order_items;
CREATE TABLE item_errors_v7 (
  order_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (order_id, item_id, position),
  FOREIGN KEY (order_id, item_id) REFERENCES order_items_v7 (order_id, item_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO item_errors_v7 SELECT order_id, item_id, position, code, message FROM item_errors;
DROP TABLE item_errors;
DROP TABLE order_items;
ALTER TABLE order_items_v7 RENAME TO order_items;
ALTER TABLE item_errors_v7 RENAME TO item_errors;
CREATE INDEX order_items_failed ON order_items (state) WHERE state IN ('failed', 'cancelled');
CREATE INDEX order_items_unknown ON order_items (state) WHERE state = 'unknown';
CREATE INDEX order_items_by_email ON order_items (recipient_email) WHERE recipient_email IS NOT NULL;
CREATE INDEX orders_by_member ON orders (member_id, created_at) WHERE member_id IS NOT NULL;

ALTER TABLE placements ADD COLUMN member_id TEXT;
ALTER TABLE placements ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE placements ADD COLUMN transacted_at TEXT;
ALTER TABLE placements ADD COLUMN points TEXT;
ALTER TABLE placements ADD COLUMN lookups INTEGER NOT NULL DEFAULT 0;
ALTER TABLE placements ADD COLUMN candidate TEXT;
ALTER TABLE placements ADD COLUMN foreign_orders TEXT NOT NULL DEFAULT '[]';
ALTER TABLE placements ADD COLUMN intent_override TEXT;
ALTER TABLE placements ADD COLUMN unknown_status_since TEXT;
UPDATE placements SET transacted_at = created_at, member_id = json_extract(request, '$.memberId');
CREATE INDEX placements_by_member ON placements (member_id, created_at) WHERE member_id IS NOT NULL;

CREATE TABLE placement_revisions (
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  revision INTEGER NOT NULL,
  request TEXT NOT NULL,
  transacted_at TEXT NOT NULL,
  at TEXT NOT NULL,
  agent TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (placement_id, revision)
) WITHOUT ROWID;
CREATE TRIGGER placement_revisions_append_only_update BEFORE UPDATE ON placement_revisions
BEGIN SELECT RAISE(ABORT, 'placement revisions are append-only'); END;
CREATE TRIGGER placement_revisions_append_only_delete BEFORE DELETE ON placement_revisions
BEGIN SELECT RAISE(ABORT, 'placement revisions are append-only'); END;

CREATE TABLE points_corrections (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  points INTEGER NOT NULL,
  currency TEXT,
  reason TEXT NOT NULL,
  agent TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX points_corrections_by_subject ON points_corrections (subject, id);
CREATE TRIGGER points_corrections_append_only_update BEFORE UPDATE ON points_corrections
BEGIN SELECT RAISE(ABORT, 'points corrections are append-only'); END;
CREATE TRIGGER points_corrections_append_only_delete BEFORE DELETE ON points_corrections
BEGIN SELECT RAISE(ABORT, 'points corrections are append-only'); END;
`;
