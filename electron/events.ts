// Pushes from the main-process services to whoever shows them: the Electron window (main.ts) or
// the web shell's server-sent events. Payloads are validated against the contract before leaving.
import { events, type EventName, type EventPayload } from '../shared/ipc';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export function createEventBus() {
  const listeners = new Set<EventListener>();
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
      const checked = events[name].parse(payload) as EventPayload<E>;
      for (const listener of listeners) {
        try {
          listener(name, checked);
        } catch {
          // A broken window must not stop the sale that emitted the event.
        }
      }
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
