import { appHandlers, healthHandlers, updatesHandlers } from './app/handlers';
import { balanceHandlers } from './balance/handlers';
import { bulkHandlers } from './bulk/handlers';
import { catalogueHandlers, programsHandlers } from './catalogue/handlers';
import type { Handlers } from './channel-handlers';
import { auditHandlers, membersHandlers, notesHandlers, queuesHandlers, viewsHandlers } from './day/handlers';
import { failuresHandlers, refundsHandlers } from './failures/handlers';
import { historyHandlers, scheduleHandlers } from './history/handlers';
import { lookupHandlers } from './lookup/handlers';
import { placementsHandlers } from './placements/handlers';
import { profilesHandlers, secretsHandlers } from './profiles/handlers';
import { reconciliationHandlers } from './reconciliation/handlers';
import type { Services } from './services';
import { conformanceHandlers, connectionHandlers, sandboxHandlers } from './suppliers/handlers';

/** The whole channel table, from each domain's handlers: a channel of the contract left out does not compile. */
export function channelHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s),
    ...updatesHandlers(s),
    ...healthHandlers(s),
    ...profilesHandlers(s),
    ...secretsHandlers(s),
    ...connectionHandlers(s),
    ...conformanceHandlers(s),
    ...sandboxHandlers(s),
    ...historyHandlers(s),
    ...scheduleHandlers(s),
    ...placementsHandlers(s),
    ...catalogueHandlers(s),
    ...programsHandlers(s),
    ...balanceHandlers(s),
    ...lookupHandlers(s),
    ...failuresHandlers(s),
    ...refundsHandlers(s),
    ...queuesHandlers(s),
    ...membersHandlers(s),
    ...notesHandlers(s),
    ...auditHandlers(s),
    ...viewsHandlers(s),
    ...bulkHandlers(s),
    ...reconciliationHandlers(s),
  };
}
