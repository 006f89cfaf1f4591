/**
 * The placement journal in full: the state machine's bookkeeping on `placements` (outcome, the supplier's
 * order as last read, when to check next, resend count) and every transition as a timeline row.
 */
export const placementJournalSchema = `
ALTER TABLE placements ADD COLUMN profile_id TEXT NOT NULL DEFAULT '';
ALTER TABLE placements ADD COLUMN outcome TEXT;
ALTER TABLE placements ADD COLUMN resends INTEGER NOT NULL DEFAULT 0;
ALTER TABLE placements ADD COLUMN supplier_order TEXT;
ALTER TABLE placements ADD COLUMN next_check_at TEXT;
CREATE INDEX placements_open ON placements (state, outcome);

CREATE TABLE placement_events (
  id INTEGER PRIMARY KEY,
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  state TEXT NOT NULL,
  http_status INTEGER,
  supplier_code TEXT,
  request_id TEXT,
  message TEXT NOT NULL
);
CREATE INDEX placement_events_by_placement ON placement_events (placement_id, id);
CREATE TRIGGER placement_events_append_only_update BEFORE UPDATE ON placement_events
BEGIN SELECT RAISE(ABORT, 'the placement timeline is append-only'); END;
CREATE TRIGGER placement_events_append_only_delete BEFORE DELETE ON placement_events
BEGIN SELECT RAISE(ABORT, 'the placement timeline is append-only'); END;
`;
