import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function failuresHandlers(s: Services): HandlersOf<'failures'> {
  return {
    'failures.list': (filter) => s.failures.list(filter),
    'failures.correctPoints': ({ key, points, reason }) => s.failures.correctPoints(key, points, reason),
    'failures.export': (filter) => s.failures.export(filter),
  };
}

export function refundsHandlers(s: Services): HandlersOf<'refunds'> {
  return {
    'refunds.ledger': (filter) => s.refunds.ledger(filter),
    'refunds.record': (input) => s.refunds.record(input),
    'refunds.reopen': ({ key, reason }) => s.refunds.reopen(key, reason),
    'refunds.export': (filter) => s.refunds.export(filter),
  };
}
