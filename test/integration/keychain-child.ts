/**
 * Runs in its own process on its own D-Bus session (or on none), so locking the keyring or losing the bus can
 * neither disturb the other tests nor, if the desk got it wrong, take the test runner down with a segfault.
 * Prints one JSON line of what the desk answered. KEYCHAIN_FAULT=locked locks the default collection first.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dbus from '@homebridge/dbus-native';
import { createBackend } from '../../main/services/backend';
import { probeKeyring } from '../../main/secrets/keyring-state';
import type { Envelope } from '../../shared/envelope';
import type { Profile } from '../../shared/domain';

const service = `Fulfillment Desk fault test ${process.pid}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-keychain-fault-'));
const backend = createBackend({
  dataDir,
  version: '0.0.0-test',
  logToConsole: false,
  keychainService: service,
});
const call = (channel: string, input?: unknown) =>
  backend.router.dispatch(channel, input, { transport: 'bridge' }) as Promise<Envelope<unknown>>;

const created = (await call('profiles.create', {
  name: 'UAT under a fault',
  environment: 'uat',
  ascendaRegion: 'custom',
  ascendaBaseUrl: 'http://127.0.0.1:9',
  gcpBaseUrl: 'http://127.0.0.1:9',
  pointRates: { USD: 0.01 },
  agentName: 'Fault Agent',
})) as Envelope<Profile>;
if (!created.ok) throw new Error(created.error.message);
const profileId = created.value.id;

const before = await call('secrets.set', {
  profileId,
  field: 'ascenda.clientSecret',
  value: 'kept-secret-1234',
});
if (process.env.KEYCHAIN_FAULT === 'locked') await lockDefaultCollection();

const result = {
  savedBeforeFault: before.ok,
  probe: await probeKeyring(),
  status: await call('secrets.status', { profileId }),
  set: await call('secrets.set', { profileId, field: 'gcp.email', value: 'agent@example.com' }),
  clear: await call('secrets.clear', { profileId, field: 'ascenda.clientSecret' }),
  client: await backend.services.clients.port(profileId, 'ascenda').then(
    () => 'built',
    (error: Error & { info?: unknown }) => ({ message: error.message, info: error.info }),
  ),
  connection: await call('connection.test', { profileId, supplier: 'gcp' }),
  // An order on this profile: refused before anything is journaled, never "outcome unknown".
  place: await call('profiles.activate', { id: profileId }).then(() =>
    call('placements.place', {
      order: {
        supplier: 'ascenda',
        reference: `fault-${process.pid}`,
        memberId: 'M-1',
        giftCardId: 'gc_1',
        value: 10,
        currency: 'USD',
        recipient: { email: 'member@example.com' },
      },
    }),
  ),
  journal: await call('placements.recent'),
};
await backend.close();
process.stdout.write(`${JSON.stringify(result)}\n`);

function lockDefaultCollection(): Promise<void> {
  const bus = dbus.sessionBus();
  return new Promise((resolve, reject) =>
    bus.invoke(
      {
        destination: 'org.freedesktop.secrets',
        path: '/org/freedesktop/secrets',
        interface: 'org.freedesktop.Secret.Service',
        member: 'Lock',
        signature: 'ao',
        body: [['/org/freedesktop/secrets/aliases/default']],
      },
      (error) => {
        bus.connection.end();
        if (error) reject(new Error(`could not lock the keyring: ${String(error.name)}`));
        else resolve();
      },
    ),
  );
}
