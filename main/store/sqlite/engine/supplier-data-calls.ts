import { PROVIDER_TRAITS } from '../../../../shared/provider-traits';
import type { BalanceApi, CatalogueApi, ProgramsApi } from '../../protocol/api';
import type { Tables } from './tables';

/** What the suppliers publish and report, as cached: catalogues, loyalty programmes, deposit readings. */
export function catalogueCalls(t: Tables): CatalogueApi {
  return {
    replace: (supplier, items, fetchedAt, keep = []) =>
      t.db.transaction(() => {
        const vanished = t.catalogue.replace(supplier, items, fetchedAt, keep);
        // Order lines that came without names take them from the catalogue.
        if (PROVIDER_TRAITS[supplier].linesWithoutNames) t.orders.nameProducts();
        return vanished;
      })(),
    list: () => t.catalogue.list(),
    item: (supplier, id) => t.catalogue.get(supplier, id),
    saveReferenceLists: (lists, fetchedAt) => t.catalogue.saveReferenceLists(lists, fetchedAt),
    referenceLists: () => t.catalogue.referenceLists(),
  };
}

export function programsCalls(t: Tables): ProgramsApi {
  return {
    replace: (programs, fetchedAt, keep = []) => t.catalogue.replacePrograms(programs, fetchedAt, keep),
    list: () => t.catalogue.programs(),
    get: (id) => t.catalogue.program(id),
  };
}

export function balanceCalls(t: Tables): BalanceApi {
  return {
    add: (snapshot) => t.balances.add(snapshot),
    latest: () => t.balances.latest(),
    readings: (sinceIso) => t.balances.readingsSince(sinceIso),
    firstCurrency: () => t.balances.firstCurrency(),
    recordAlert: (alert) => t.balances.recordAlert(alert),
    clearAlert: (id, at, reason) => t.balances.clearAlert(id, at, reason),
    activeAlerts: () => t.balances.active(),
    lastRaised: () => t.balances.lastRaised(),
    alerts: (limit = 20) => t.balances.recent(limit),
    unsettledPlacements: () => t.balances.unsettledPlacements(),
  };
}
