import { describe, expectTypeOf, it } from 'vitest';
import type { AppInfo, Profile } from '../../shared/domain';
import type { DeskApi } from '../../shared/desk-api';
import type { Envelope } from '../../shared/envelope';

// These assertions are checked by `tsc -p tsconfig.test.json` (npm run typecheck): window.desk's type is
// derived from the contract, so a channel whose output type changes breaks the build here.
describe('window.desk type', () => {
  it('exposes each channel with its contract output wrapped in the envelope', () => {
    expectTypeOf<DeskApi['app']['info']>().toEqualTypeOf<() => Promise<Envelope<AppInfo>>>();
    expectTypeOf<DeskApi['profiles']['list']>().toEqualTypeOf<() => Promise<Envelope<Profile[]>>>();
    expectTypeOf<DeskApi['on']>()
      .parameter(0)
      .toEqualTypeOf<
        | 'profiles.changed'
        | 'history.progress'
        | 'history.exportProgress'
        | 'placements.updated'
        | 'catalogue.updated'
        | 'balance.updated'
        | 'balance.alert'
        | 'health.changed'
        | 'app.navigate'
        | 'placements.notice'
        | 'queues.changed'
        | 'schedule.updated'
        | 'bulk.progress'
      >();
  });
});
