import { AppError } from '../../../../shared/errors';
import { correctionSubject } from '../../../../shared/failures';
import { formatDateTime } from '../../../../shared/format';
import {
  AUDIT_TABLE,
  CSV_TABLES,
  FAILURES_TABLE,
  neutralise,
  writeCsv,
  type CsvRowOf,
  type CsvTable,
  type CsvTableName,
} from '../../csv-export';
import type { AuditApi, ExportsApi, FailuresApi, LedgerApi, NewRefundEntry } from '../../protocol/api';
import type { Tables } from './tables';

/** Failure states that owe the member a refund, and so may be recorded in the ledger. */
const OWING = new Set(['failed', 'cancelled', 'not_ours']);

const quiet = () => {};

export function failuresCalls(t: Tables): FailuresApi {
  return {
    list(filter, limit, offset = 0, only) {
      const rows = t.failures.list(filter, limit, undefined, offset, only);
      const corrections = t.failures.pointsCorrections([...new Set(rows.map(correctionSubject))]);
      return { rows, corrections: Object.fromEntries(corrections) };
    },
    counts: () => t.failures.counts(),
    count: (filter, only) => t.failures.count(filter, only),
    exportCsv: (file, rows) => writeCsv(file, FAILURES_TABLE, rows, rows.length, file, quiet),
    correctPoints: (key, correction) =>
      t.db.transaction(() => {
        const row = t.failures.byKey(key);
        if (!row) return null;
        const subject = correctionSubject(row);
        t.failures.correctPoints(
          subject,
          correction.points,
          row.currency,
          correction.reason,
          correction.agent,
          correction.at,
        );
        t.auditLog.append(
          correction.agent,
          'points corrected',
          subject,
          { key, points: correction.points, reason: correction.reason },
          correction.at,
        );
        return row;
      })(),
  };
}

export function ledgerCalls(t: Tables): LedgerApi {
  return {
    write: (entry) => t.db.transaction(() => writeRefund(t, entry))(),
    entries: (from, to) => ({ standing: t.ledger.standing(from, to), reopened: t.ledger.reopened(from, to) }),
  };
}

function writeRefund(t: Tables, entry: NewRefundEntry) {
  const row = t.failures.byKey(entry.key);
  if (!row || !OWING.has(row.state)) return null;
  const latest = t.ledger.latest(entry.key);
  const recorded = latest ? latest.action !== 'reopened' : row.legacyHandled !== null;
  const when = (iso: string) => formatDateTime(iso);
  if (entry.action !== 'reopened' && recorded) {
    const by = latest ?? { agent: row.legacyHandled!.agent, at: row.legacyHandled!.at };
    const what = latest
      ? latest.action === 'refunded'
        ? `refunded, transaction ${latest.transactionId}`
        : `not owed: ${latest.reason}`
      : `marked handled before the ledger: ${row.legacyHandled!.note}`;
    throw new AppError(
      'CONFLICT',
      `Already recorded by ${by.agent} at ${when(by.at)} (${what}); nothing was written. Reopen it with a reason to change it.`,
      latest ?? row.legacyHandled,
    );
  }
  if (entry.action === 'reopened' && !recorded)
    throw new AppError(
      'CONFLICT',
      'This refund is not recorded, so there is nothing to reopen; nothing was written.',
    );
  if (entry.action === 'refunded' && entry.transactionId) {
    const other = t.ledger
      .byTransaction(entry.transactionId)
      .find((e) => e.supplier !== entry.supplier || e.reference !== entry.reference);
    if (other)
      throw new AppError(
        'CONFLICT',
        `Transaction ${entry.transactionId} is already recorded for the refund of ${other.reference} by ${other.agent} at ${when(other.at)}: check the transaction id; nothing was written.`,
        other,
      );
  }
  const written = t.ledger.append(entry);
  const action =
    entry.action === 'refunded'
      ? 'refund recorded'
      : entry.action === 'not_owed'
        ? 'refund recorded as not owed'
        : 'refund reopened';
  t.auditLog.append(
    entry.agent,
    action,
    entry.reference,
    {
      key: entry.key,
      transactionId: entry.transactionId,
      reason: entry.reason,
      points: entry.points,
      value: entry.value,
      currency: entry.currency,
      ...(entry.action === 'reopened' && latest ? { reversed: latest.id } : {}),
    },
    entry.at,
  );
  return written;
}

export function exportsCalls(): ExportsApi {
  return {
    rows: <K extends CsvTableName>(file: string, table: K, rows: Array<CsvRowOf<K>>) =>
      writeCsv(file, CSV_TABLES[table] as CsvTable<CsvRowOf<K>>, rows, rows.length, file, quiet),
    template: (file, header, rows) =>
      writeCsv(
        file,
        { header, cells: (row: string[]) => row.map(neutralise) },
        rows,
        rows.length,
        file,
        quiet,
      ),
  };
}

export function auditCalls(t: Tables): AuditApi {
  return {
    append: (agent, action, subject, details = null, at) =>
      t.auditLog.append(agent, action, subject, details, at),
    latest: (limit = 50) => t.auditLog.latest(limit),
    query: (filter, offset, limit) => ({
      ...t.auditLog.query(filter, offset, limit),
      ...t.auditLog.facets(),
    }),
    exportCsv: (file, filter) =>
      t.db.transaction(() =>
        writeCsv(file, AUDIT_TABLE, t.auditLog.iterate(filter), t.auditLog.count(filter), file, quiet),
      )(),
  };
}
