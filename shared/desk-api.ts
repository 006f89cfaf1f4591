import {
  channelNames,
  isEventName,
  type ChannelName,
  type EventName,
  type EventPayload,
  type InputOf,
  type OutputOf,
} from './contract';
import { fail, type Envelope } from './envelope';

/** The largest message the browser bridge carries; its client refuses bigger ones before they reach the socket. */
export const MAX_BRIDGE_MESSAGE_BYTES = 1024 * 1024;

type Call<K extends ChannelName> =
  InputOf<K> extends undefined
    ? () => Promise<Envelope<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<Envelope<OutputOf<K>>>;

type Namespace = ChannelName extends `${infer NS}.${string}` ? NS : never;

/** window.desk: `desk.app.info()` for channel 'app.info', plus `desk.on(event, listener)`. */
export type DeskApi = {
  readonly [NS in Namespace]: {
    readonly [K in ChannelName as K extends `${NS}.${infer M}` ? M : never]: Call<K>;
  };
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What a transport must provide; both carry only channel names and plain data, never transport objects. */
export interface DeskTransport {
  invoke(channel: ChannelName, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Builds window.desk generically from the contract, so no channel is ever wired by hand. */
export function buildDesk(transport: DeskTransport): DeskApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Envelope<unknown>>>> = {};
  for (const channel of channelNames) {
    const [ns, method] = channel.split('.') as [string, string];
    const group = (api[ns] ??= {});
    // A transport rejects only when it cannot carry the input at all (a function, a cycle, a BigInt): that is
    // the caller's input at fault, answered like any other bad input instead of an unhandled rejection.
    group[method] = (input?: unknown) =>
      Promise.resolve()
        .then(() => transport.invoke(channel, input))
        .catch((error: unknown) =>
          fail({
            code: 'VALIDATION',
            message: `${channel}: the input is not plain data (${error instanceof Error ? error.message : String(error)})`,
          }),
        );
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return transport.subscribe(event, listener);
  };
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze({ ...api, on }) as unknown as DeskApi;
}
