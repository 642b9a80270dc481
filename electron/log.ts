// The main-process log: one JSON line per entry, with every field whose name says secret, and
// every value registered as a secret, replaced before it is written anywhere.
import type { Logger } from './providers/provider';
import { createSecretText } from './secret-text';

const SECRET_KEY = /pass|pin|token|secret|api[-_]?key|authorization|webhookcode|credential/i;

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, now: () => number = Date.now) {
  const secrets = createSecretText();
  const redactText = secrets.redact;

  function redact(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return redactText(value);
    if (depth > 6 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
    if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }

  function write(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) {
    const entry = { t: new Date(now()).toISOString(), level, message: redactText(message), ...(fields ? (redact(fields) as object) : {}) };
    sink(JSON.stringify(entry));
  }

  const logger: Logger & { addSecret(value: string): void; redactText(text: string): string } = {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    /** Registers a secret value so it is cut from every later line, whatever field carries it. */
    addSecret: secrets.add,
    redactText,
  };
  return logger;
}
export type AppLogger = ReturnType<typeof createLogger>;
