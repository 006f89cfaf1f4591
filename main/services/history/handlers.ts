import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function historyHandlers(s: Services): HandlersOf<'history'> {
  return {
    'history.sync': (input) => s.scheduler.syncNow(input?.suppliers),
    'history.cancel': (input) => {
      s.history.cancel(input?.suppliers);
      return s.history.status();
    },
    'history.status': () => s.history.status(),
    'history.quarantine': () => s.history.quarantine(),
    'history.query': (query) => s.history.query(query),
    'history.order': ({ id }) => s.history.order(id),
    'history.export': ({ filter, sort }) => s.history.export(filter, sort),
  };
}

export function scheduleHandlers(s: Services): HandlersOf<'schedule'> {
  return {
    'schedule.status': () => s.scheduler.status(),
    'schedule.pause': () => s.scheduler.pause(),
    'schedule.resume': () => s.scheduler.resume(),
  };
}
