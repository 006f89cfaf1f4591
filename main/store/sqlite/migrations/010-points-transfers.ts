/**
 * Points transfers (Ascenda, api-notes §17): an order item says what it delivers (a gift card or a transfer to a
 * loyalty programme, with the membership number it went to), and the loyalty programmes are cached like the
 * catalogue (a programme missing from the latest listing is kept, marked unavailable, so a transfer to it is
 * refused with a clear answer).
 */
export const pointsTransfersSchema = `
ALTER TABLE order_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'gift_card'
  CHECK (kind IN ('gift_card', 'points_transfer'));
ALTER TABLE order_items ADD COLUMN membership_id TEXT;

CREATE TABLE loyalty_programs (
  program_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  available INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
`;
