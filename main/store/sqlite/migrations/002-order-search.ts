/**
 * Offline search: an FTS5 index over each order's reference, supplier id, recipient and products, kept in step
 * with `orders` by triggers, and filled from the orders already cached.
 */
export const orderSearchSchema = `
CREATE VIRTUAL TABLE orders_fts USING fts5 (
  reference,
  supplier_order_id,
  recipient,
  products,
  content = 'orders',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders BEGIN
  INSERT INTO orders_fts (rowid, reference, supplier_order_id, recipient, products)
  VALUES (new.id, new.reference, new.supplier_order_id, new.recipient, new.products);
END;
CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, reference, supplier_order_id, recipient, products)
  VALUES ('delete', old.id, old.reference, old.supplier_order_id, old.recipient, old.products);
END;
CREATE TRIGGER orders_fts_update AFTER UPDATE OF reference, supplier_order_id, recipient, products ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, reference, supplier_order_id, recipient, products)
  VALUES ('delete', old.id, old.reference, old.supplier_order_id, old.recipient, old.products);
  INSERT INTO orders_fts (rowid, reference, supplier_order_id, recipient, products)
  VALUES (new.id, new.reference, new.supplier_order_id, new.recipient, new.products);
END;
INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
`;
