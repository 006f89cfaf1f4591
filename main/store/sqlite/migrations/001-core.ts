/** The cache's tables. Applied migrations are hashed: edit a new migration, never this one. */
export const coreSchema = `
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL CHECK (supplier IN ('ascenda', 'gcp')),
  supplier_order_id TEXT NOT NULL,
  reference TEXT NOT NULL,
  supplier_status TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT,
  transacted_at TEXT,
  member_id TEXT,
  delivery_type TEXT,
  total REAL,
  currency TEXT,
  item_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  recipient TEXT,
  products TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  UNIQUE (supplier, supplier_order_id)
);
CREATE INDEX orders_by_reference ON orders (reference, supplier);
CREATE INDEX orders_by_created ON orders (created_at, id);
CREATE INDEX orders_by_state ON orders (state, created_at);
CREATE INDEX orders_by_supplier ON orders (supplier, created_at);
CREATE INDEX orders_by_total ON orders (total, id);

CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  state TEXT NOT NULL,
  supplier_status TEXT NOT NULL,
  product_id TEXT NOT NULL,
  product_name TEXT,
  value REAL NOT NULL,
  currency TEXT,
  quantity INTEGER NOT NULL,
  recipient_email TEXT,
  recipient_phone TEXT,
  recipient_name TEXT,
  rewards_issued INTEGER NOT NULL,
  PRIMARY KEY (order_id, item_id)
) WITHOUT ROWID;

CREATE TABLE item_errors (
  order_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (order_id, item_id, position),
  FOREIGN KEY (order_id, item_id) REFERENCES order_items (order_id, item_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE catalogue_items (
  supplier TEXT NOT NULL CHECK (supplier IN ('ascenda', 'gcp')),
  item_id TEXT NOT NULL,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (supplier, item_id)
) WITHOUT ROWID;

CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL CHECK (supplier IN ('ascenda', 'gcp')),
  reference TEXT NOT NULL,
  state TEXT NOT NULL,
  request TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  supplier_order_id TEXT,
  last_error TEXT,
  agent TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (supplier, reference)
);

CREATE TABLE balance_snapshots (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL,
  available REAL NOT NULL,
  pending REAL NOT NULL,
  currency TEXT NOT NULL,
  taken_at TEXT NOT NULL
);
CREATE INDEX balance_snapshots_by_time ON balance_snapshots (supplier, taken_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  agent TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  details TEXT
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE sync_cursors (
  supplier TEXT PRIMARY KEY CHECK (supplier IN ('ascenda', 'gcp')),
  status TEXT NOT NULL,
  next_page INTEGER NOT NULL,
  total_pages INTEGER,
  orders_synced INTEGER NOT NULL,
  since TEXT,
  watermark TEXT,
  run_started_at TEXT,
  last_synced_at TEXT,
  last_error TEXT,
  offline INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;
