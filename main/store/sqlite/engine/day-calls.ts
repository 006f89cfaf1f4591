import type {
  BulkApi,
  LeasesApi,
  MembersApi,
  NotesApi,
  QueuesApi,
  ReconciliationApi,
  StateApi,
} from '../../protocol/api';
import type { Tables } from './tables';

/** The agent's day: notes, remembered views, the sync lease, bulk batches, work queues, members, reconciliation. */
export function notesCalls(t: Tables): NotesApi {
  return {
    add: (note) =>
      t.db.transaction(() => {
        const written = t.notes.add(note);
        t.auditLog.append(
          note.agent,
          'note added',
          note.reference,
          { supplier: note.supplier, note: note.text },
          note.at,
        );
        return written;
      })(),
    of: (supplier, reference) => t.notes.of(supplier, reference),
    forOrders: (orders, memberId = null) => t.notes.forOrders(orders, memberId),
  };
}

export function stateCalls(t: Tables): StateApi {
  return { get: (key) => t.state.get(key), set: (key, value, at) => t.state.set(key, value, at) };
}

export function leasesCalls(t: Tables): LeasesApi {
  return {
    acquire: (name, holder, until, now) => t.state.acquire(name, holder, until, now),
    release: (name, holder) => t.state.release(name, holder),
  };
}

export function bulkCalls(t: Tables): BulkApi {
  return {
    create: (batch, rows) =>
      t.db.transaction(() => {
        const created = t.bulk.create(batch, rows);
        t.auditLog.append(
          batch.agent,
          'bulk batch validated',
          batch.fileName,
          { batchId: created.id, rows: rows.length, totals: batch.totals },
          batch.at,
        );
        return created;
      })(),
    batch: (id) => t.bulk.batch(id),
    batches: (limit = 20) => t.bulk.batches(limit),
    rows: (batchId) => t.bulk.rows(batchId),
    row: (batchId, line) => t.bulk.row(batchId, line),
    rowsInState: (batchId, states, limit) => t.bulk.rowsInState(batchId, states, limit),
    setState: (id, state, lastError, at, audit) =>
      t.db.transaction(() => {
        const batch = t.bulk.setState(id, state, lastError, at);
        if (audit)
          t.auditLog.append(
            audit.agent,
            audit.action,
            batch.fileName,
            { batchId: id, ...(audit.details ?? {}) },
            at,
          );
        return batch;
      })(),
    updateRow: (batchId, line, change, at, expect) => t.bulk.updateRow(batchId, line, change, at, expect),
  };
}

export function queuesCalls(t: Tables): QueuesApi {
  return {
    placements: (states, page) => t.work.placementsIn(states, page),
    stuck: (cutoffs, page) => t.work.stuck(cutoffs, page),
  };
}

export function membersCalls(t: Tables): MembersApi {
  return {
    records(member) {
      const placements = t.work.memberPlacements(member);
      const ids = t.work.memberOrderIds({ ...member, references: placements.map((p) => p.reference) });
      return { placements, orders: ids.map((id) => t.orders.detail(id)!).filter(Boolean) };
    },
    of: (text) => t.work.memberOf(text),
  };
}

export function reconciliationCalls(t: Tables): ReconciliationApi {
  return {
    period: (from, to) => ({
      orders: t.recon.orders(from, to),
      placements: t.recon.placements(from, to).map((p) => ({
        ...p,
        foreignOrders: p.foreignOrders.filter((o) => !t.recon.cached(p.supplier, o.id)),
      })),
    }),
  };
}
