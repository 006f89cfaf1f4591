import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function balanceHandlers(s: Services): HandlersOf<'balance'> {
  return {
    'balance.status': () => s.balance.status(),
    'balance.check': () => s.balance.check(),
  };
}
