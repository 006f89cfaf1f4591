/**
 * The work queues count from the cache and the journal: whatever changes either (a placement, a sync page, the
 * ledger, a bulk row) says so here, and the screens hear it once per burst per profile instead of per row.
 */
export class QueueSignal {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly notify: (profileId: string) => void,
    private readonly burstMs = 300,
  ) {}

  changed(profileId: string): void {
    if (this.closed || this.timers.has(profileId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(profileId);
      this.notify(profileId);
    }, this.burstMs);
    timer.unref?.();
    this.timers.set(profileId, timer);
  }

  /** Nothing is said after the desk closes (the jobs stopping after this may still report a change). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
