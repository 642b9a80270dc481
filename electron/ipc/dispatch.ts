// The one entry point of every IPC call, whatever carries it (Electron's ipcMain or the web
// shell's HTTP bridge): the channel must be in the contract, the sender must be the app's own page,
// the payload must parse against the channel's schema, and whatever the handler does comes back as
// a result envelope. A thrown error is a bug: it is logged without secrets and returned as `internal`.
import { channels, isChannelName, type ChannelName, type Handlers } from '../../shared/ipc';
import { err, type Result } from '../../shared/result';
import type { Logger } from '../providers/provider';
import { inputError } from '../../shared/input-error';

export type CallContext = {
  /** Whether the transport verified that the call came from the app's own page. */
  trustedSender: boolean;
};

export type Dispatch = (name: unknown, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** Cuts registered secret values out of a text: the log's own cutter, so an answer shows no more than the log. */
export type Redact = (text: string) => string;

/** An error's message and text params, with secrets cut: a provider's words can echo what it was sent. */
function redactError(result: Result<unknown>, redact: Redact): Result<unknown> {
  if (result.ok) return result;
  const { code, message, params } = result.error;
  const cutParams = params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
  return { ok: false, error: { code, message: redact(message), ...(cutParams ? { params: cutParams } : {}) } };
}

export function createDispatch(
  handlers: Handlers<CallContext>,
  log: Logger,
  authorize: (name: ChannelName) => Result<void> = () => ({ ok: true, value: undefined }),
  redact: Redact = (text) => text,
): Dispatch {
  return async (name, payload, ctx) => {
    if (!ctx.trustedSender) return err('ipc.forbidden_sender', 'request did not come from the app window');
    if (!isChannelName(name)) return err('ipc.unknown_channel', `unknown channel ${String(name).slice(0, 60)}`);
    const channel = channels[name];
    const parsed = channel.request.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: inputError(parsed.error, `${name} request`) };
    const allowed = authorize(name);
    if (!allowed.ok) return allowed;
    try {
      const handler = handlers[name] as (req: unknown, ctx: CallContext) => Promise<Result<unknown>> | Result<unknown>;
      const result = await handler(parsed.data, ctx);
      if (result.ok) {
        // The response schema is the contract too: a handler that drifts is caught here, not in the UI.
        const checked = channel.response.safeParse(result.value);
        if (!checked.success) {
          log.error('handler returned a value outside the contract', { channel: name, issues: checked.error.issues.slice(0, 5) });
          return err('internal', 'internal error');
        }
        return { ok: true, value: checked.data };
      }
      return redactError(result, redact);
    } catch (cause) {
      log.error('handler threw', { channel: name, error: cause instanceof Error ? cause : String(cause) });
      return err('internal', 'internal error');
    }
  };
}
