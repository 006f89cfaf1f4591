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

/**
 * The browser bridge's window.desk: the same generic builder as the preload, over a WebSocket to the
 * bridge server. Calls made before the socket opens are queued; a lost connection answers UNAVAILABLE.
 */
export function connectBridgeDesk(socketUrl: string): DeskApi {
  const socket = new WebSocket(socketUrl);
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;

  socket.addEventListener('open', () => {
    for (const message of queue.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (message) => {
    let data: { id?: unknown; envelope?: Envelope<unknown>; event?: unknown; payload?: unknown };
    try {
      data = JSON.parse(String(message.data)) as typeof data;
    } catch {
      return;
    }
    if (typeof data.id === 'number' && data.envelope) {
      pending.get(data.id)?.(data.envelope);
      pending.delete(data.id);
    } else if (typeof data.event === 'string' && (eventNames as string[]).includes(data.event)) {
      for (const listener of listeners.get(data.event as EventName) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(unavailable('Lost the connection to the desk backend.'));
    pending.clear();
  });

  return buildDesk({
    invoke: (channel: ChannelName, input: unknown) =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) {
          resolve(unavailable('The desk backend is not connected.'));
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
