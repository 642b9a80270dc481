// `window.pos` for the web shell: the same PosApi the Electron preload exposes, carried over HTTP
// POST (one per call) and server-sent events, with the shell's per-launch token. Bundled and
// served by shell.ts; never part of the app.
import type { PosApi } from '../../shared/ipc';

declare const __POS_TOKEN__: string;

const listeners = new Map<string, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function connectEvents() {
  if (source) return;
  source = new EventSource(`./__pos/events?token=${encodeURIComponent(__POS_TOKEN__)}`);
  source.onmessage = (message) => {
    const { name, payload } = JSON.parse(message.data) as { name: string; payload: unknown };
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
}

const pos: PosApi = {
  async invoke(name, request) {
    try {
      const response = await fetch(`./__pos/invoke/${encodeURIComponent(String(name))}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-token': __POS_TOKEN__ },
        body: JSON.stringify(request ?? {}),
      });
      return (await response.json()) as never;
    } catch (cause) {
      return { ok: false, error: { code: 'internal' as const, message: `bridge: ${(cause as Error).message}` } };
    }
  },
  on(name, listener) {
    connectEvents();
    const set = listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(name, set);
    return () => set.delete(listener as (payload: unknown) => void);
  },
};

Object.defineProperty(window, 'pos', { value: Object.freeze(pos), writable: false, configurable: false });
