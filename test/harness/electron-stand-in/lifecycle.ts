// The stand-in's shared state: Electron's Event, whether the app is ready, and what the tests read
// back (every call the app made that matters to them).

/** Electron's Event: `preventDefault()` and `defaultPrevented`, plus whatever the event carries. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault() {
    this.defaultPrevented = true;
  }
}

/** What the tests read back: every call the app made that matters to them. */
export const record = {
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  dialogs: [] as { title: string; content: string }[],
  prints: [] as { options: Record<string, unknown> }[],
  loads: [] as { window: number; url: string; status: number; contentType: string | null; csp: string | null }[],
  appEvents: [] as string[],
};

/** Whether 'ready' was emitted; a promise for it. */
export const readiness: { ready: boolean; markReady: () => void } = { ready: false, markReady: () => undefined };
export const whenReady = new Promise<void>((resolve) => {
  readiness.markReady = () => {
    readiness.ready = true;
    resolve();
  };
});

export const READY_ONLY = (what: string) => new Error(`${what} cannot be used before the app is ready`);
