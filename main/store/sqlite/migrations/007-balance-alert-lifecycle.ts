/**
 * Balance alerts clear by themselves (back above the threshold, shortfall covered), so each records when and why.
 * Of the alerts written before this, only each threshold's newest can still be in force: the next reading decides
 * it. Older ones, and refused-order alerts that never recorded what would cover them, are closed as history.
 */
export const balanceAlertLifecycleSchema = `
ALTER TABLE balance_alerts ADD COLUMN cleared_at TEXT;
ALTER TABLE balance_alerts ADD COLUMN cleared_reason TEXT;
UPDATE balance_alerts SET cleared_at = at, cleared_reason = 'recorded before alerts cleared by themselves'
  WHERE alert_key NOT LIKE 'low:%'
     OR id NOT IN (SELECT max(id) FROM balance_alerts GROUP BY alert_key);
CREATE INDEX balance_alerts_active ON balance_alerts (cleared_at, id);
`;
