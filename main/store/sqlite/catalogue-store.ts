import type Database from 'better-sqlite3';
import type { CatalogueEntry, CatalogueItem, Option, ReferenceListName } from '../../../shared/catalogue';
import type { Supplier } from '../../../shared/domain';
import type { LoyaltyProgram, ProgramEntry } from '../../../shared/transfers';

/** The cached catalogues of both suppliers, GiftCard Partners' reference lists and Ascenda's loyalty programmes. */
export class CatalogueStore {
  private readonly upsert: Database.Statement;
  private readonly vanish: Database.Statement;
  private readonly all: Database.Statement;
  private readonly one: Database.Statement;
  private readonly saveList: Database.Statement;
  private readonly lists: Database.Statement;
  private readonly upsertProgram: Database.Statement;
  private readonly vanishPrograms: Database.Statement;
  private readonly allPrograms: Database.Statement;
  private readonly oneProgram: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO catalogue_items (supplier, item_id, name, payload, fetched_at, available)
       VALUES (@supplier, @id, @name, @payload, @fetchedAt, 1)
       ON CONFLICT (supplier, item_id) DO UPDATE SET
         name = excluded.name, payload = excluded.payload, fetched_at = excluded.fetched_at, available = 1`,
    );
    // By membership, not by time: a clock set back must not keep a withdrawn card on offer.
    this.vanish = db.prepare(
      `UPDATE catalogue_items SET available = 0
       WHERE supplier = ? AND available = 1 AND item_id NOT IN (SELECT value FROM json_each(?))`,
    );
    this.all = db.prepare('SELECT payload, fetched_at, available FROM catalogue_items ORDER BY name');
    this.one = db.prepare(
      'SELECT payload, fetched_at, available FROM catalogue_items WHERE supplier = ? AND item_id = ?',
    );
    this.saveList = db.prepare(
      `INSERT INTO reference_lists (list, payload, fetched_at) VALUES (?, ?, ?)
       ON CONFLICT (list) DO UPDATE SET payload = excluded.payload, fetched_at = excluded.fetched_at`,
    );
    this.lists = db.prepare('SELECT list, payload FROM reference_lists');
    this.upsertProgram = db.prepare(
      `INSERT INTO loyalty_programs (program_id, name, payload, fetched_at, available)
       VALUES (@id, @name, @payload, @fetchedAt, 1)
       ON CONFLICT (program_id) DO UPDATE SET
         name = excluded.name, payload = excluded.payload, fetched_at = excluded.fetched_at, available = 1`,
    );
    this.vanishPrograms = db.prepare(
      `UPDATE loyalty_programs SET available = 0
       WHERE available = 1 AND program_id NOT IN (SELECT value FROM json_each(?))`,
    );
    this.allPrograms = db.prepare(
      'SELECT payload, fetched_at, available FROM loyalty_programs ORDER BY name',
    );
    this.oneProgram = db.prepare(
      'SELECT payload, fetched_at, available FROM loyalty_programs WHERE program_id = ?',
    );
  }

  /**
   * The full programme listing, as `replace` does for a catalogue: listed programmes available, missing ones
   * kept but unavailable (a transfer to them is refused), unreadable ones (`keep`) as they were.
   */
  replacePrograms(programs: LoyaltyProgram[], fetchedAt: string, keep: readonly string[] = []): number {
    return this.db.transaction(() => {
      for (const program of programs)
        this.upsertProgram.run({
          id: program.id,
          name: program.name,
          payload: JSON.stringify(program),
          fetchedAt,
        });
      return this.vanishPrograms.run(JSON.stringify([...programs.map((p) => p.id), ...keep])).changes;
    })();
  }

  programs(): ProgramEntry[] {
    return (this.allPrograms.all() as Row[]).map(toProgram);
  }

  program(id: string): ProgramEntry | null {
    const row = this.oneProgram.get(id) as Row | undefined;
    return row ? toProgram(row) : null;
  }

  /**
   * A supplier's full listing, read at `fetchedAt`: every item in it is cached as available, and every cached
   * item missing from it is marked unavailable (kept, so a placement for it gets a clear answer). Items listed
   * but unreadable (`keep`) stay as they were: unreadable is not withdrawn. Returns how many vanished.
   */
  replace(
    supplier: Supplier,
    items: CatalogueItem[],
    fetchedAt: string,
    keep: readonly string[] = [],
  ): number {
    return this.db.transaction(() => {
      for (const item of items)
        this.upsert.run({ supplier, id: item.id, name: item.name, payload: JSON.stringify(item), fetchedAt });
      return this.vanish.run(supplier, JSON.stringify([...items.map((item) => item.id), ...keep])).changes;
    })();
  }

  list(): CatalogueEntry[] {
    return (this.all.all() as Row[]).map(toEntry);
  }

  get(supplier: Supplier, id: string): CatalogueEntry | null {
    const row = this.one.get(supplier, id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  saveReferenceLists(lists: Partial<Record<ReferenceListName, Option[]>>, fetchedAt: string): void {
    this.db.transaction(() => {
      for (const [name, options] of Object.entries(lists))
        this.saveList.run(name, JSON.stringify(options), fetchedAt);
    })();
  }

  referenceLists(): Partial<Record<ReferenceListName, Option[]>> {
    const rows = this.lists.all() as Array<{ list: ReferenceListName; payload: string }>;
    return Object.fromEntries(rows.map((r) => [r.list, JSON.parse(r.payload) as Option[]]));
  }
}

interface Row {
  payload: string;
  fetched_at: string;
  available: number;
}

const toEntry = (row: Row): CatalogueEntry => ({
  item: JSON.parse(row.payload) as CatalogueItem,
  fetchedAt: row.fetched_at,
  available: row.available === 1,
});

const toProgram = (row: Row): ProgramEntry => ({
  program: JSON.parse(row.payload) as LoyaltyProgram,
  fetchedAt: row.fetched_at,
  available: row.available === 1,
});
