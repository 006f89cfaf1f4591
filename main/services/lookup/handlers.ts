import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function lookupHandlers(s: Services): HandlersOf<'lookup'> {
  return {
    'lookup.search': (query) => s.lookup.search(query),
    'lookup.refresh': (input) => s.lookup.refresh(input),
  };
}
