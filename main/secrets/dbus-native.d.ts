/** The part of @homebridge/dbus-native the desk uses (its own typings omit the session bus). */
declare module '@homebridge/dbus-native' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  interface BusMessage {
    destination: string;
    path: string;
    interface: string;
    member: string;
    signature?: string;
    body?: unknown[];
  }

  interface BusConnection extends EventEmitter {
    end(): void;
  }

  interface MessageBus {
    connection: BusConnection;
    invoke(
      message: BusMessage,
      callback: (error: { name?: string; message?: unknown } | null, value?: unknown) => void,
    ): void;
  }

  const dbus: {
    sessionBus(options?: { busAddress?: string; stream?: Socket }): MessageBus;
  };
  export default dbus;
}
