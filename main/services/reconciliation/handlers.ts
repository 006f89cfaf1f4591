import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function reconciliationHandlers(s: Services): HandlersOf<'reconciliation'> {
  return {
    'reconciliation.run': (period) => s.reconciliation.run('on_demand', period),
    'reconciliation.latest': () => s.reconciliation.latest(),
  };
}
