import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
import type { OrderNote } from '../../../shared/notes';

interface NoteRecord {
  id: number;
  supplier: Supplier;
  reference: string;
  member_id: string | null;
  text: string;
  agent: string;
  at: string;
}

const toNote = (r: NoteRecord): OrderNote => ({
  id: r.id,
  supplier: r.supplier,
  reference: r.reference,
  memberId: r.member_id,
  text: r.text,
  agent: r.agent,
  at: r.at,
});

/** Notes on orders: append-only (the schema's triggers refuse updates and deletes). */
export class OrderNotes {
  private readonly insert: Database.Statement;
  private readonly byReference: Database.Statement;
  private readonly forMany: Database.Statement;
  private readonly byMember: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO order_notes (supplier, reference, member_id, text, agent, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byReference = db.prepare(
      'SELECT * FROM order_notes WHERE reference = ? AND supplier = ? ORDER BY id',
    );
    this.forMany = db.prepare(
      `SELECT n.* FROM order_notes n JOIN json_each(?) r
       ON n.reference = json_extract(r.value, '$.reference') AND n.supplier = json_extract(r.value, '$.supplier')
       ORDER BY n.id`,
    );
    this.byMember = db.prepare('SELECT * FROM order_notes WHERE member_id = ? ORDER BY id');
  }

  add(note: Omit<OrderNote, 'id'>): OrderNote {
    const { lastInsertRowid } = this.insert.run(
      note.supplier,
      note.reference,
      note.memberId,
      note.text,
      note.agent,
      note.at,
    );
    return { ...note, id: Number(lastInsertRowid) };
  }

  of(supplier: Supplier, reference: string): OrderNote[] {
    return (this.byReference.all(reference, supplier) as NoteRecord[]).map(toNote);
  }

  /** The notes of several orders, and of a member (written on any of their orders), oldest first. */
  forOrders(
    orders: Array<{ supplier: Supplier; reference: string }>,
    memberId: string | null = null,
  ): OrderNote[] {
    const notes = (this.forMany.all(JSON.stringify(orders)) as NoteRecord[]).map(toNote);
    if (memberId) {
      for (const note of (this.byMember.all(memberId) as NoteRecord[]).map(toNote))
        if (!notes.some((n) => n.id === note.id)) notes.push(note);
    }
    return notes.sort((a, b) => a.id - b.id);
  }
}
