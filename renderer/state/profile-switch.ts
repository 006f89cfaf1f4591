import { useAuditStore } from './audit';
import { useBalanceStore } from './balance';
import { useBulkStore } from './bulk';
import { useCatalogueStore } from './catalogue';
import { useFailuresStore } from './failures';
import { useHistoryStore } from './history';
import { abandonLookups, useLookupStore } from './lookup';
import { useMemberStore } from './member';
import { usePlacementStore } from './placement';
import { useProgramsStore } from './programs';
import { useQueuesStore } from './queues';
import { useReconciliationStore } from './reconciliation';
import { useRefundsStore } from './refunds';
import { useScheduleStore } from './schedule';

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
