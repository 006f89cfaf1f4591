import { eventNames, type ChannelName, type EventName } from '../../shared/contract';
import { buildDesk, MAX_BRIDGE_MESSAGE_BYTES, type DeskApi } from '../../shared/desk-api';
import { fail, type Envelope } from '../../shared/envelope';

const unavailable = (message: string) => fail({ code: 'UNAVAILABLE', message });

/** JSON would silently drop a function or symbol; Electron's structured clone refuses one, and so do we. */
const plainData = (key: string, value: unknown) => {
  if (typeof value === 'function' || typeof value === 'symbol')
    throw new TypeError(`a ${typeof value} at "${key}" cannot be sent`);
  return value;
};

/** The browser bridge's link to main, as the page shows it. Electron's IPC has no such thing to lose. */
export interface BridgeLink {
  state: 'connecting' | 'open' | 'lost';
  /** Reconnection attempts since the link was lost (0 while open). */
  attempts: number;
  /** When the link was lost (epoch ms), or null. */
  lostAt: number | null;
}

type LinkListener = (link: BridgeLink, reconnected: boolean) => void;

/** Waits between reconnection attempts: quick at first, then every few seconds for as long as it takes. */
const RETRY_MS = [250, 500, 1_000, 2_000, 4_000];

let link: BridgeLink = { state: 'connecting', attempts: 0, lostAt: null };
const linkListeners = new Set<LinkListener>();

/** The current link and a subscription to its changes (`reconnected` is true when a lost link came back). */
export const bridgeLink = {
  get: (): BridgeLink => link,
  subscribe(listener: LinkListener): () => void {
    linkListeners.add(listener);
    return () => void linkListeners.delete(listener);
  },
};

function setLink(next: BridgeLink, reconnected = false): void {
  link = next;
  for (const listener of linkListeners) listener(link, reconnected);
}

/**
 * The browser bridge's window.desk: the same generic builder as the preload, over a WebSocket to the bridge
 * server. Calls made before the first connection opens are queued. A lost connection is reported at once
 * (bridgeLink), answers every call in flight and every new call with UNAVAILABLE, and is re-established by
 * itself; events then flow again and listeners stay subscribed.
 */
export function connectBridgeDesk(socketUrl: string): DeskApi {
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let everOpened = false;
  let socket = open();

  function open(): WebSocket {
    const ws = new WebSocket(socketUrl);
    ws.addEventListener('open', () => {
      const reconnected = everOpened;
      everOpened = true;
      setLink({ state: 'open', attempts: 0, lostAt: null }, reconnected);
      for (const message of queue.splice(0)) ws.send(message);
    });
    ws.addEventListener('message', (message) => receive(message.data));
    ws.addEventListener('close', () => {
      if (ws !== socket) return;
      for (const resolve of pending.values()) {
        resolve(
          unavailable(
            'Lost the connection to the desk backend before it answered: what you asked may still have happened. It reconnects by itself; check the result before doing it again.',
          ),
        );
      }
      pending.clear();
      for (const message of queue.splice(0)) resolveQueued(message);
      const attempts = link.state === 'open' ? 0 : link.attempts;
      setLink({ state: 'lost', attempts, lostAt: link.lostAt ?? Date.now() });
      setTimeout(
        () => {
          setLink({ ...link, attempts: attempts + 1 });
          socket = open();
        },
        RETRY_MS[Math.min(attempts, RETRY_MS.length - 1)],
      );
    });
    return ws;
  }

  function resolveQueued(message: string): void {
    const { id } = JSON.parse(message) as { id: number };
    pending.get(id)?.(unavailable('The desk backend is not connected.'));
    pending.delete(id);
  }

  function receive(raw: unknown): void {
    let data: { id?: unknown; envelope?: Envelope<unknown>; event?: unknown; payload?: unknown };
    try {
      data = JSON.parse(String(raw)) as typeof data;
    } catch {
      return;
    }
    if (typeof data.id === 'number' && data.envelope) {
      pending.get(data.id)?.(data.envelope);
      pending.delete(data.id);
    } else if (typeof data.event === 'string' && (eventNames as string[]).includes(data.event)) {
      for (const listener of listeners.get(data.event as EventName) ?? []) listener(data.payload);
    }
  }

  return buildDesk({
    invoke: (channel: ChannelName, input: unknown) =>
      new Promise((resolve) => {
        if (link.state === 'lost') {
          resolve(
            unavailable('The desk backend is not connected; the page is reconnecting. Nothing was sent.'),
          );
          return;
        }
        const id = nextId++;
        const message = JSON.stringify({ id, channel, input }, plainData);
        // The server closes the socket on an oversized message, which would cut every later call off too.
        const bytes = message.length * 3 > MAX_BRIDGE_MESSAGE_BYTES ? new Blob([message]).size : 0;
        if (bytes > MAX_BRIDGE_MESSAGE_BYTES) {
          resolve(
            fail({
              code: 'VALIDATION',
              message: `${channel}: the input is too large to send (${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 1 MB)`,
            }),
          );
          return;
        }
        pending.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      }),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
}

/** In a plain browser (no preload), read the token from the URL fragment the bridge printed and connect. */
export function installBridgeDesk(): void {
  if (window.desk) return;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (!token) return;
  const socketUrl = `ws://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  Object.defineProperty(window, 'desk', { value: connectBridgeDesk(socketUrl), writable: false });
}
