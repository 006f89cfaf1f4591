import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function bulkHandlers(s: Services): HandlersOf<'bulk'> {
  return {
    'bulk.template': ({ supplier }) => s.bulk.template(supplier),
    'bulk.validate': (input) => s.bulk.validate(input),
    'bulk.start': ({ batchId, confirmation }) => s.bulk.start(batchId, confirmation),
    'bulk.pause': ({ batchId }) => s.bulk.pause(batchId),
    'bulk.resume': ({ batchId }) => s.bulk.resume(batchId),
    'bulk.release': ({ batchId, line, reason }) => s.bulk.release(batchId, line, reason),
    'bulk.batches': () => s.bulk.batches(),
    'bulk.batch': ({ batchId }) => s.bulk.detail(batchId),
    'bulk.export': ({ batchId }) => s.bulk.export(batchId),
  };
}
