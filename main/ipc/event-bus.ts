import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract';

/** Typed fan-out of main's events to every connected transport. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  /** `prepare` runs once per event before any transport sees it: the redactor, like every reply. */
  constructor(private readonly prepare: <T>(payload: T) => T = (payload) => payload) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, this.prepare(payload));
  }

  /** Receives every event; returns the unsubscribe function. */
  subscribeAll(listener: (event: EventName, payload: unknown) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
