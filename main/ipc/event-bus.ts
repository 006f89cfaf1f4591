import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract';

/** Typed fan-out of main's events to every connected transport. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  /** Receives every event; returns the unsubscribe function. */
  subscribeAll(listener: (event: EventName, payload: unknown) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
