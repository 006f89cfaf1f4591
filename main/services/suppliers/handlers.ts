import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';
import { testConnection } from './connection-test';

export function connectionHandlers(s: Services): HandlersOf<'connection'> {
  return {
    'connection.test': async ({ profileId, supplier }) => {
      const result = await testConnection(s.clients, profileId, supplier, s.clock);
      s.logger.info('connection test', {
        profileId,
        supplier,
        ok: result.ok,
        problem: result.problem,
        ms: result.latencyMs,
      });
      return result;
    },
  };
}

export function conformanceHandlers(s: Services): HandlersOf<'conformance'> {
  return {
    'conformance.check': ({ profileId, placeTestOrder }) => s.conformance.run(profileId, { placeTestOrder }),
  };
}

export function sandboxHandlers(s: Services): HandlersOf<'sandbox'> {
  return {
    'sandbox.endpoints': () => s.sandbox.endpointsFor(s.profiles.active()),
  };
}
