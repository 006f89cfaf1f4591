import type Database from 'better-sqlite3';

/**
 * What a profile remembers between sessions (saved views, the background sync's pause), as JSON under a key, and
 * the named leases that let one holder at a time run a job (the history sync). A lease expires on its own, so a
 * desk that stopped without releasing it never blocks the others for long.
 */
export class ProfileState {
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;
  private readonly take: Database.Statement;
  private readonly holderOf: Database.Statement;
  private readonly free: Database.Statement;

  constructor(db: Database.Database) {
    this.read = db.prepare('SELECT value FROM profile_state WHERE key = ?');
    this.write = db.prepare(
      `INSERT INTO profile_state (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.take = db.prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
    );
    this.holderOf = db.prepare('SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ?');
    this.free = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  }

  get(key: string): unknown {
    const row = this.read.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : null;
  }

  set(key: string, value: unknown, at: string): void {
    this.write.run(key, JSON.stringify(value), at);
  }

  /** Takes or renews the lease until `until`; answers who holds it afterwards. */
  acquire(
    name: string,
    holder: string,
    until: string,
    now: string,
  ): { acquired: boolean; holder: string; expiresAt: string } {
    this.take.run({ name, holder, until, now });
    const current = this.holderOf.get(name) as { holder: string; expiresAt: string };
    return { acquired: current.holder === holder, ...current };
  }

  release(name: string, holder: string): void {
    this.free.run(name, holder);
  }
}
