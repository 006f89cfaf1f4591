import type { ChannelName, EventName, EventPayload, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { Transport } from '../../shared/domain';

/** Who is calling: handed to handlers that answer differently per transport (app.info reports it). */
export interface CallContext {
  transport: Transport;
}

export type Handler<K extends ChannelName> = (
  input: ParsedInputOf<K>,
  ctx: CallContext,
) => OutputOf<K> | Promise<OutputOf<K>>;

/** Every channel of the contract with its handler: the router's table. */
export type Handlers = { [K in ChannelName]: Handler<K> };

/** One namespace's channels (`placements.*`), as a domain declares them beside its service. */
export type HandlersOf<Namespace extends string> = {
  [K in ChannelName as K extends `${Namespace}.${string}` ? K : never]: Handler<K>;
};

/** How services push an event to the renderer; the transports' event bus implements it. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
