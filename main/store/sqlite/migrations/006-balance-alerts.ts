/** When each balance alert last fired, so a restart does not repeat one within its quiet period. */
export const balanceAlertsSchema = `
CREATE TABLE balance_alerts (
  id INTEGER PRIMARY KEY,
  alert_key TEXT NOT NULL,
  at TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX balance_alerts_by_key ON balance_alerts (alert_key, at);
`;
