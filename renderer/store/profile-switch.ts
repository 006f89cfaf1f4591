import { useAuditStore } from './audit-store';
import { useBalanceStore } from './balance-store';
import { useBulkStore } from './bulk-store';
import { useCatalogueStore } from './catalogue-store';
import { useFailuresStore } from './failures-store';
import { useHistoryStore } from './history-store';
import { abandonLookups, useLookupStore } from './lookup-store';
import { useMemberStore } from './member-store';
import { usePlacementStore } from './placement-store';
import { useProgramsStore } from './programs-store';
import { useQueuesStore } from './queues-store';
import { useReconciliationStore } from './reconciliation-store';
import { useRefundsStore } from './refunds-store';
import { useScheduleStore } from './schedule-store';

interface ResettableStore {
  setState(state: never, replace: true): void;
  getInitialState(): unknown;
}

/** Every store that holds one profile's data: results, forms, selections, banners. */
const PER_PROFILE: ResettableStore[] = [
  useLookupStore,
  usePlacementStore,
  useHistoryStore,
  useFailuresStore,
  useCatalogueStore,
  useProgramsStore,
  useBalanceStore,
  useQueuesStore,
  useRefundsStore,
  useMemberStore,
  useAuditStore,
  useBulkStore,
  useReconciliationStore,
  useScheduleStore,
];

/**
 * Another profile became active: nothing of the previous one may stay on screen (a Sandbox result under the
 * Production banner would be advice about the wrong money). Answers still in flight are dropped too.
 */
export function clearPerProfileState(): void {
  abandonLookups();
  for (const store of PER_PROFILE) store.setState(store.getInitialState() as never, true);
}
