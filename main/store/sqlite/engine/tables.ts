import type Database from 'better-sqlite3';
import { AuditLog } from '../audit-log';
import { BalanceStore } from '../balance-store';
import { BulkStore } from '../bulk-store';
import { CatalogueStore } from '../catalogue-store';
import { FailuresStore } from '../failures-store';
import { OrderNotes } from '../order-notes';
import { OrdersStore } from '../orders-store';
import { PlacementsStore } from '../placements-store';
import { ProfileState } from '../profile-state';
import { QuarantineStore } from '../quarantine-store';
import { ReconciliationQueries } from '../reconciliation-queries';
import { RefundLedger } from '../refund-ledger';
import { SyncCursors } from '../sync-cursors';
import { WorkQueries } from '../work-queries';

/** One cache's table families on one connection: what the protocol's SQLite calls are built from. */
export interface Tables {
  db: Database.Database;
  orders: OrdersStore;
  cursors: SyncCursors;
  auditLog: AuditLog;
  placements: PlacementsStore;
  failures: FailuresStore;
  catalogue: CatalogueStore;
  balances: BalanceStore;
  quarantine: QuarantineStore;
  ledger: RefundLedger;
  notes: OrderNotes;
  state: ProfileState;
  bulk: BulkStore;
  work: WorkQueries;
  recon: ReconciliationQueries;
}

export function openTables(db: Database.Database): Tables {
  return {
    db,
    orders: new OrdersStore(db),
    cursors: new SyncCursors(db),
    auditLog: new AuditLog(db),
    placements: new PlacementsStore(db),
    failures: new FailuresStore(db),
    catalogue: new CatalogueStore(db),
    balances: new BalanceStore(db),
    quarantine: new QuarantineStore(db),
    ledger: new RefundLedger(db),
    notes: new OrderNotes(db),
    state: new ProfileState(db),
    bulk: new BulkStore(db),
    work: new WorkQueries(db),
    recon: new ReconciliationQueries(db),
  };
}
