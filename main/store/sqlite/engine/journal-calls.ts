import { existsSync } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import type { IntentsApi, PlacementsApi } from '../../protocol/api';
import type { Tables } from './tables';

/** What a deleted profile leaves behind, readable in Lookup. */
export const ARCHIVED_TABLES = [
  'placements',
  'placement_events',
  'placement_revisions',
  'audit_log',
  'failure_handling',
  'points_corrections',
  'refund_ledger',
  'order_notes',
] as const;

/** The placement journal: written before anything is sent, each change with its timeline and audit lines. */
export function placementsCalls(t: Tables): PlacementsApi {
  return {
    create: (input) =>
      t.db.transaction(() => {
        const result = t.placements.create(input);
        if (result.created) {
          t.auditLog.append(
            input.agent,
            'placement journaled',
            input.reference,
            {
              supplier: input.supplier,
              placementId: result.placement.id,
              memberId: input.memberId,
              ...(input.intentOverride ? { intentOverride: input.intentOverride } : {}),
            },
            input.at,
          );
        }
        return result;
      })(),
    change: (id, change) =>
      t.db.transaction(() => {
        const placement = t.placements.change(id, change);
        if (change.audit) {
          t.auditLog.append(
            change.audit.agent,
            change.audit.action,
            placement.reference,
            { placementId: id, state: placement.state, ...change.audit.details },
            change.at,
          );
        }
        return placement;
      })(),
    reschedule: (id, nextCheckAt) => t.placements.reschedule(id, nextCheckAt),
    get: (id) => t.placements.get(id),
    byReference: (supplier, reference) => t.placements.byReference(supplier, reference),
    withReference: (reference) => t.placements.withReference(reference),
    unfinished: () => t.placements.unfinishedList(),
    openIds: () => t.placements.openIds(),
    recent: (limit = 50) => t.placements.recent(limit),
    archive(file, meta) {
      if (existsSync(file))
        throw new AppError('CONFLICT', `An archive already exists at ${file}; nothing was overwritten.`);
      t.db.prepare('ATTACH DATABASE ? AS archive').run(file);
      try {
        t.db.transaction(() => {
          for (const table of ARCHIVED_TABLES)
            t.db.exec(`CREATE TABLE archive.${table} AS SELECT * FROM main.${table}`);
          t.db.exec('CREATE TABLE archive.archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
          const put = t.db.prepare('INSERT INTO archive.archive_meta (key, value) VALUES (?, ?)');
          for (const [key, value] of Object.entries(meta)) put.run(key, value);
        })();
      } finally {
        t.db.exec('DETACH DATABASE archive');
      }
    },
  };
}

export function intentsCalls(t: Tables): IntentsApi {
  return {
    similar: (query) => ({
      placements: t.placements.forMember(
        { memberId: query.memberId, email: query.email, sms: query.phone },
        query.since,
        query.inDoubtStates,
      ),
      orders: t.orders.similar(query, query.productId, query.value, query.since),
    }),
  };
}
