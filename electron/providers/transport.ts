// The plumbing both provider clients share, so they keep one set of rules and only their own wire:
// - `post`: one JSON POST with a time-out, answered as an answer (any HTTP status, body as text), a
//   time-out, a connection never made (`unreached`: nothing got to the provider, so nothing can
//   have been charged) or one lost after it was made (`dropped`: the request may have been received);
// - `raw`: a provider's answer as kept beside a sale, cut to a length and with every secret cut;
// - `createSession`: a login reused until `RENEW_BEFORE_MS` before it expires (a payment never
//   leaves with a token about to lapse), one login at a time, dropped when the provider refuses it.
// Reads are retried once on a refused session by each client; a payment is never retried.
import type { Result } from '../../shared/result';
import { createSecretText } from '../secret-text';
import type { Logger, RawExchange } from './provider';

export type Exchange =
  | { kind: 'answer'; status: number; text: string }
  | { kind: 'timeout' }
  /** The connection was never made: nothing reached the provider. */
  | { kind: 'unreached'; message: string }
  /** The connection failed after it was made: the request may have been received. */
  | { kind: 'dropped'; message: string };

/** Renew a session this long before it expires. */
export const RENEW_BEFORE_MS = 2 * 60 * 1000;
/** How much of a provider's answer is kept beside a sale or in a log line. */
export const RAW_LIMIT = 4000;

const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type TransportDeps = {
  /** Names the provider in log lines. */
  name: string;
  baseUrl: string;
  timeoutMs: number;
  now: () => number;
  log: Logger;
  fetch?: typeof fetch;
};

export function createTransport(deps: TransportDeps) {
  const doFetch = deps.fetch ?? fetch;
  const base = deps.baseUrl.replace(/\/+$/, '');
  /** Values that must never leave the client in a message or a kept answer: passwords, tokens. */
  const secrets = createSecretText();

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Exchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
    const started = deps.now();
    const all: Record<string, string> = { Accept: 'application/json', ...headers };
    if (body !== undefined) all['Content-Type'] = 'application/json';
    try {
      const response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: all,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const text = await response.text();
      deps.log.info(`${deps.name} call`, { path, status: response.status, ms: deps.now() - started });
      return { kind: 'answer', status: response.status, text };
    } catch (error) {
      if (controller.signal.aborted) {
        deps.log.warn(`${deps.name} call timed out`, { path, ms: deps.now() - started });
        return { kind: 'timeout' };
      }
      const code = causeCode(error);
      const message = secrets.redact(code ?? (error instanceof Error ? error.message : 'network error'));
      deps.log.warn(`${deps.name} call failed`, { path, error: message });
      return code && NOT_CONNECTED.has(code) ? { kind: 'unreached', message } : { kind: 'dropped', message };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    post,
    secrets,
    redact: secrets.redact,
    /** An answer as kept beside a sale: at most RAW_LIMIT characters, secrets cut. */
    raw(ex: { status: number; text: string }): RawExchange {
      return { status: ex.status, body: secrets.redact(ex.text.slice(0, RAW_LIMIT)) };
    },
  };
}
export type Transport = ReturnType<typeof createTransport>;

/** A provider session: whatever the login gave, and when it stops being accepted (epoch ms). */
export type SessionKeeper<S extends { expiresAt: number }> = {
  /** The current session, or a fresh login (shared by concurrent callers); `force` logs in again. */
  ensure(force?: boolean): Promise<Result<S>>;
  /** Forgets `session` if it is still the current one (the provider refused it). */
  drop(session: S): void;
  /** Forgets the current session and returns it (for a logout). */
  take(): S | null;
};

export function createSession<S extends { expiresAt: number }>(deps: {
  now: () => number;
  login: () => Promise<Result<S>>;
  renewBeforeMs?: number;
}): SessionKeeper<S> {
  const renewBeforeMs = deps.renewBeforeMs ?? RENEW_BEFORE_MS;
  let session: S | null = null;
  let loggingIn: Promise<Result<S>> | null = null;
  return {
    async ensure(force = false) {
      if (!force && session && session.expiresAt - deps.now() > renewBeforeMs) return { ok: true, value: session };
      if (!loggingIn) {
        loggingIn = deps.login().then((result) => {
          session = result.ok ? result.value : null;
          loggingIn = null;
          return result;
        });
      }
      return loggingIn;
    },
    drop(dropped) {
      if (session === dropped) session = null;
    },
    take() {
      const current = session;
      session = null;
      return current;
    },
  };
}

/** The system error code under a fetch failure (undici nests it in `cause`, sometimes in `errors`). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors[0] && typeof (errors[0] as { code?: unknown }).code === 'string') {
      return (errors[0] as { code: string }).code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
