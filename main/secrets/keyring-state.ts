import net from 'node:net';
import dbus from '@homebridge/dbus-native';

/** Whether the OS keychain can be read right now, judged without reading any secret. */
export type KeyringState =
  { state: 'unlocked' } | { state: 'locked' } | { state: 'unavailable'; reason: string };

export type KeyringProbe = () => Promise<KeyringState>;

const SECRETS_BUS_NAME = 'org.freedesktop.secrets';
/** keytar files every entry in the default collection (libsecret's SECRET_COLLECTION_DEFAULT). */
const DEFAULT_COLLECTION = '/org/freedesktop/secrets/aliases/default';
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Reads the keychain's lock state. On Linux that is the Secret Service default collection's `Locked` property
 * over D-Bus: keytar cannot tell, because libsecret answers a read from a locked collection with "no such
 * entry" (and its search dereferences NULL and kills the process). macOS and Windows answer reads truthfully
 * or prompt, so there the keychain is taken as readable and its own errors speak.
 */
export const probeKeyring: KeyringProbe = () =>
  process.platform === 'linux' ? secretServiceState(process.env.DBUS_SESSION_BUS_ADDRESS) : unlocked();

const unlocked = async (): Promise<KeyringState> => ({ state: 'unlocked' });

export function secretServiceState(busAddress: string | undefined): Promise<KeyringState> {
  if (!busAddress)
    return Promise.resolve({
      state: 'unavailable',
      reason: 'there is no D-Bus session (no DBUS_SESSION_BUS_ADDRESS), so no Secret Service',
    });
  return new Promise((resolve) => {
    let bus: ReturnType<typeof dbus.sessionBus> | undefined;
    let settled = false;
    const finish = (result: KeyringState) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      bus?.connection.end();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          state: 'unavailable',
          reason: `the Secret Service did not answer within ${PROBE_TIMEOUT_MS / 1000} s`,
        }),
      PROBE_TIMEOUT_MS,
    );
    try {
      bus = dbus.sessionBus(connectionOptions(busAddress));
    } catch (error) {
      finish({ state: 'unavailable', reason: `cannot open the D-Bus session bus (${messageOf(error)})` });
      return;
    }
    bus.connection.on('error', (error: unknown) =>
      finish({ state: 'unavailable', reason: `cannot talk to the D-Bus session bus (${messageOf(error)})` }),
    );
    bus.invoke(
      {
        destination: SECRETS_BUS_NAME,
        path: DEFAULT_COLLECTION,
        interface: 'org.freedesktop.DBus.Properties',
        member: 'Get',
        signature: 'ss',
        body: ['org.freedesktop.Secret.Collection', 'Locked'],
      },
      (error, value) => {
        if (error) return finish(fromDbusError(error));
        const locked = (value as [unknown, [unknown]] | undefined)?.[1]?.[0];
        if (typeof locked !== 'boolean') {
          return finish({
            state: 'unavailable',
            reason: 'the Secret Service answered the lock-state question with something other than yes or no',
          });
        }
        finish({ state: locked ? 'locked' : 'unlocked' });
      },
    );
  });
}

function fromDbusError(error: { name?: string; message?: unknown }): KeyringState {
  const name = error.name ?? '';
  if (name === 'org.freedesktop.DBus.Error.ServiceUnknown' || name.endsWith('.NameHasNoOwner'))
    return {
      state: 'unavailable',
      reason: 'no Secret Service is running on this session (start gnome-keyring, KWallet or KeePassXC)',
    };
  // No default collection yet: nothing of the desk's can be stored, so nothing is locked away either; the first
  // save creates one (libsecret asks the keychain to).
  if (
    name === 'org.freedesktop.Secret.Error.NoSuchObject' ||
    name === 'org.freedesktop.DBus.Error.UnknownMethod'
  )
    return { state: 'unlocked' };
  const detail = typeof error.message === 'string' && error.message ? `: ${error.message}` : '';
  return {
    state: 'unavailable',
    reason: `the Secret Service refused the lock-state question (${name}${detail})`,
  };
}

/**
 * The library opens `unix:path=` and `tcp:` addresses itself; an abstract socket (`unix:abstract=`, which older
 * dbus-daemons hand out) it would need a native add-on for, while Node opens one natively from a leading NUL.
 */
function connectionOptions(busAddress: string): { busAddress?: string; stream?: net.Socket } {
  const abstract = /(?:^|;)unix:(?:[^;]*,)?abstract=([^,;]+)/.exec(busAddress)?.[1];
  return abstract ? { stream: net.createConnection(`\0${unescapeAddress(abstract)}`) } : { busAddress };
}

/** D-Bus addresses percent-escape bytes outside a small set. */
const unescapeAddress = (value: string) =>
  value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
