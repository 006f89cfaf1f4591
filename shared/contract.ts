import { z } from 'zod';
import type { AppInfo, Profile, SandboxEndpoints } from './domain';

/** A phantom marker: carries an output type through the contract without a runtime value. */
const returns = <T>() => undefined as unknown as T;

const noInput = z.undefined({ error: 'this channel takes no input' });

/**
 * Every request channel, declared once: name -> input schema + output type. Main's router validates with the
 * schema, preload and the bridge client build window.desk from the names, the renderer gets the types.
 */
export const channels = {
  'app.info': { input: noInput, output: returns<AppInfo>() },
  'profiles.list': { input: noInput, output: returns<Profile[]>() },
  'sandbox.endpoints': { input: noInput, output: returns<SandboxEndpoints>() },
} as const;

/** Events main pushes to the renderer: name -> payload type. */
export const events = {
  'profiles.changed': returns<{ activeProfileId: string }>(),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type InputOf<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Channels[K]['input']>;
export type OutputOf<K extends ChannelName> = Channels[K]['output'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E];

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.hasOwn(channels, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
