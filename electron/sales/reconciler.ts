// The reconciler (docs/architecture.md, "Sales"): finishes every sale whose outcome is not known yet by asking the
// provider about OUR id, never by paying again. Checks back off exponentially with jitter and run a
// bounded number at a time. A sale no answer settles within `attentionAfterMs` of sending (or
// within its check budget), or whose answer cannot be read one way, is flagged for the owner
// (sale.attention): never failed by itself, never dropped, and a person may still re-check it.
// Runs at start-up, on a timer and on demand. A sale left `created` by a crash was never sent (the
// `sent` state is committed before the request leaves), so it is failed without asking anyone.
import type { SaleView } from '../../shared/ipc/sales';
import type { ErrorCode } from '../../shared/result';
import type { Logger, Provider, StatusOutcome } from '../providers/provider';
import type { Journal, Sale } from './journal';

export type ReconcilerOptions = {
  /** First delay; check n waits base × 2^n (capped), jittered to between half and all of it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Status calls made automatically per sale; after them the sale waits for a person. */
  maxChecks: number;
  /** How long after sending the checks go on by themselves; then the sale waits for a person. */
  attentionAfterMs: number;
  /** Status calls in flight at once, across all sales. */
  concurrency: number;
  /** How long after sending a provider's "no such transaction" is believed (it may not have landed yet). */
  notFoundGraceMs: number;
  /** Period of the background run. */
  intervalMs: number;
};

export const defaultReconcilerOptions: ReconcilerOptions = {
  baseDelayMs: 3_000,
  maxDelayMs: 15 * 60_000,
  // Enough for a day of checks at the capped delay: the day, not the count, is the usual limit.
  maxChecks: 200,
  attentionAfterMs: 24 * 60 * 60_000,
  concurrency: 4,
  notFoundGraceMs: 10 * 60_000,
  intervalMs: 15_000,
};

export type ReconcilerDeps = {
  journal: Journal;
  provider: (sale: Sale) => Provider | null;
  now: () => number;
  random: () => number;
  log: Logger;
  onSaleUpdated: (view: SaleView) => void;
  /** Sales the engine is still sending: not ours to touch yet. */
  inFlight: ReadonlySet<number>;
  /** setInterval, injected so tests drive time. Returns a cancel function. */
  every: (ms: number, fn: () => void) => () => void;
  options?: Partial<ReconcilerOptions>;
};

/** Errors that mean a person must look: the reconciler stops asking by itself. */
const ATTENTION_CODES: ReadonlySet<ErrorCode> = new Set(['sale.needs_attention', 'provider.unclear_status']);

export function needsPerson(sale: Pick<Sale, 'error'>): boolean {
  return sale.error !== null && ATTENTION_CODES.has(sale.error.code);
}

export function backoffDelay(checksDone: number, options: Pick<ReconcilerOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const full = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(checksDone, 30));
  return Math.round(full / 2 + (full / 2) * random());
}

export function createReconciler(deps: ReconcilerDeps) {
  const options: ReconcilerOptions = { ...defaultReconcilerOptions, ...deps.options };
  const { journal, now, log } = deps;
  const checking = new Map<number, Promise<Sale | null>>();
  let active = 0;
  const waiting: (() => void)[] = [];
  let cancel: (() => void) | null = null;
  let runningDue: Promise<number> | null = null;
  let stopped = false;

  async function slot<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= options.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await fn();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  }

  function publish(sale: Sale | null): void {
    if (sale) deps.onSaleUpdated(journal.view(sale));
  }

  function nextCheckAt(checksDone: number): number | null {
    return checksDone >= options.maxChecks ? null : now() + backoffDelay(checksDone, options, deps.random);
  }

  /** One status call for one sale; concurrent calls for the same sale share it. */
  function check(txId: number, manual: boolean): Promise<Sale | null> {
    const existing = checking.get(txId);
    if (existing) return existing;
    const run = slot(() => checkNow(txId, manual)).finally(() => checking.delete(txId));
    checking.set(txId, run);
    return run;
  }

  async function checkNow(txId: number, manual: boolean): Promise<Sale | null> {
    const sale = journal.get(txId);
    if (!sale || sale.state === 'succeeded' || sale.state === 'failed' || deps.inFlight.has(txId)) return sale;
    if (!manual && sale.checks >= options.maxChecks) return sale;
    if (sale.state === 'created') {
      const failed = journal.move(txId, 'failed', {
        error: { code: 'provider.unavailable', message: 'the sale was interrupted before it was sent' },
        note: 'never sent',
      }, null);
      publish(failed);
      return failed;
    }
    const provider = deps.provider(sale);
    if (!provider) {
      journal.recordCheck(txId, nextCheckAt(sale.checks + 1));
      return journal.get(txId);
    }
    let outcome: StatusOutcome;
    try {
      outcome = await provider.status({ txId: String(txId), number: { national: sale.number, network: sale.network }, product: sale.product });
    } catch (cause) {
      log.error('status threw', { txId, provider: provider.id, error: cause instanceof Error ? cause : String(cause) });
      outcome = { state: 'unknown', error: { code: 'internal', message: 'the status call failed unexpectedly' } };
    }
    // The answer, the state it leads to and the check count land in one commit.
    const settled = journal.atomically(() => settleCheck(sale, outcome));
    // Shown only once committed; a check that moved nothing is shown too, so the counter's "last
    // check at / next check" stays live.
    publish(settled.after);
    return settled.after;
  }

  function settleCheck(sale: Sale, outcome: StatusOutcome): { after: Sale | null; moved: boolean } {
    const txId = sale.txId;
    journal.recordExchange(txId, 'status', outcome.raw);
    const checksDone = sale.checks + 1;
    const later = nextCheckAt(checksDone);
    let moved: Sale | null = null;
    let flagged: Sale | null = null;
    switch (outcome.state) {
      case 'succeeded':
      case 'failed':
        moved = journal.move(txId, outcome.state, {
          ...(outcome.price ? { price: outcome.price } : {}),
          ...(outcome.providerRef ? { providerRef: outcome.providerRef } : {}),
          // The provider's words now, not the ones of the answer that was lost ("connection lost").
          message: outcome.message ?? null,
          error: outcome.state === 'failed' ? (outcome.error ?? { code: 'provider.rejected', message: outcome.message ?? 'failed' }) : null,
          note: `status: ${outcome.state}`,
        }, null);
        break;
      case 'pending':
        // The provider has it: an `unknown` sale becomes `pending`; a pending one just waits again.
        moved = journal.move(txId, 'pending', { ...(outcome.providerRef ? { providerRef: outcome.providerRef } : {}), note: 'status: pending' }, later);
        break;
      case 'not_found': {
        const sentAt = sale.sentAt ?? sale.createdAt;
        if (now() - sentAt >= options.notFoundGraceMs) {
          moved = journal.move(txId, 'failed', {
            error: { code: 'provider.not_found', message: 'the provider has no such transaction: it was never charged' },
            note: 'status: not found after the grace period',
          }, null);
        }
        break;
      }
      case 'unclear':
        journal.recordCheck(txId, null);
        flagged = journal.flagForAttention(txId, outcome.error ?? { code: 'provider.unclear_status', message: 'the status answer does not settle the sale' }, outcome.message);
        break;
      case 'unknown':
        break;
    }
    if (flagged) return { after: flagged, moved: true };
    const final = moved !== null && (moved.state === 'succeeded' || moved.state === 'failed');
    journal.recordCheck(txId, final ? null : later);
    if (!final && (later === null || now() - (sale.sentAt ?? sale.createdAt) >= options.attentionAfterMs)) {
      const spent = later === null ? `${checksDone} status checks` : 'a day of status checks';
      flagged = journal.flagForAttention(txId, { code: 'sale.needs_attention', message: `no final answer from ${sale.provider} after ${spent}` });
      return { after: flagged ?? journal.get(txId), moved: true };
    }
    return { after: journal.get(txId), moved: moved !== null };
  }

  /** Checks every sale whose next check is due; returns how many were checked. */
  async function runDue(limit = 500): Promise<number> {
    if (runningDue) return runningDue;
    runningDue = (async () => {
      const due = journal.due(now(), limit).filter((s) => !deps.inFlight.has(s.txId));
      await Promise.all(due.map((s) => check(s.txId, false)));
      return due.length;
    })().finally(() => {
      runningDue = null;
    });
    return runningDue;
  }

  return {
    options,
    check,
    runDue,
    /** Start-up: fail what was never sent, make every open sale due now, check them; then run on the timer. */
    async start(): Promise<void> {
      stopped = false;
      for (const sale of journal.unresolved()) {
        if (deps.inFlight.has(sale.txId)) continue;
        if (sale.state === 'created') await check(sale.txId, false);
        else if (sale.checks < options.maxChecks && !needsPerson(sale)) journal.scheduleCheck(sale.txId, now());
      }
      cancel = deps.every(options.intervalMs, () => {
        if (!stopped) void runDue().catch((cause: unknown) => log.error('reconciler run failed', { error: cause instanceof Error ? cause : String(cause) }));
      });
      await runDue();
    },
    /** A person asked: check now, whatever the budget says. */
    async recheck(txId?: number): Promise<Sale[]> {
      const targets = txId === undefined ? journal.unresolved().map((s) => s.txId) : [txId];
      const results = await Promise.all(targets.filter((id) => !deps.inFlight.has(id)).map((id) => check(id, true)));
      return results.filter((s): s is Sale => s !== null);
    },
    async stop(): Promise<void> {
      stopped = true;
      cancel?.();
      cancel = null;
      await Promise.all([...checking.values()]);
    },
  };
}
export type Reconciler = ReturnType<typeof createReconciler>;
