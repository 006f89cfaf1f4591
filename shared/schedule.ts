/**
 * The background history sync: incremental, every few minutes (jittered) while the desk is open, pausable, and
 * never two at once per profile (one lease, which a shared team store can later hand between desks).
 */
export interface SyncSchedule {
  profileId: string;
  intervalMs: number;
  /** Who paused it, and when; null while it runs on its own. */
  paused: { by: string; at: string } | null;
  /** A sync (background or asked for) holds the lease now. */
  running: boolean;
  /** When the next background sync starts; null while paused or running. */
  nextRunAt: string | null;
  lastRun: {
    startedAt: string;
    finishedAt: string | null;
    outcome: 'done' | 'failed' | 'skipped';
    /** In plain words: what it synced, why it failed, or why it did not run. */
    detail: string;
  } | null;
}
