import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function placementsHandlers(s: Services): HandlersOf<'placements'> {
  return {
    'placements.place': (draft) => s.placements.place(draft),
    'placements.get': ({ id }) => s.placements.get(id),
    'placements.recent': () => s.placements.recent(),
    'placements.quote': (item) => s.placements.quote(item),
    'placements.retry': ({ id, reason }) => s.placements.retry(id, reason),
    'placements.revise': ({ id, order, reason }) => s.placements.revise(id, order, reason),
    'placements.resolve': ({ id, verdict, reason }) => s.placements.resolve(id, verdict, reason),
  };
}
