/**
 * The catalogue cache: whether a cached item is still in the supplier's listing (a vanished card stays cached,
 * marked unavailable, so placing it fails with a clear message), and GiftCard Partners' reference lists.
 */
export const catalogueCacheSchema = `
ALTER TABLE catalogue_items ADD COLUMN available INTEGER NOT NULL DEFAULT 1;
CREATE TABLE reference_lists (
  list TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  fetched_at TEXT NOT NULL
) WITHOUT ROWID;
`;
