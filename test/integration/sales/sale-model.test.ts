// Model-based test of the sale engine (docs/architecture.md, "Sales", "Testing layers"): fast-check draws sequences of counter
// actions — sells through either provider, an answer dropped after the charge, expired tokens, a
// crash (the services and the DB closed, gracefully or in the middle of a sale, and reopened on
// the same file), re-checks, double submits and the reconciler running during a sale — and runs
// them against the real engine, a real SQLite file and both simulators over loopback HTTP. After
// every command and at the end (after reconciling until settled, bounded) it checks what must
// always hold: no id charged twice, every id a provider charged journaled before its request, the
// journal's successes exactly the providers' successes, states only moving forward, and an intact
// database after every crash. MODEL_RUNS sets the number of runs (the issue asks for 1,000).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product, ProviderId, SaleState } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { settingsSchema } from '../../../shared/settings';
import { createEventBus } from '../../../electron/events';
import { defaultSimAccount, startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { startWetaSimulator, type WetaSimulator } from '../../harness/simulator-faults/weta';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createSaleServices, type SaleServices } from '../../../electron/sales/sale-services';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';
import { quietLog, WETA_USER } from './sale-rig';

// The issue's 1,000 runs take about 80 s here. On a slower machine the runs past the time limit are
// skipped, not failed, but a quarter of them must run for the test to count.
const RUNS = Number(process.env.MODEL_RUNS ?? 1000);
const MAX_COMMANDS = Number(process.env.MODEL_COMMANDS ?? 15);
const TIME_LIMIT_MS = Number(process.env.MODEL_TIME_MS ?? 240_000);

const RANK: Record<SaleState, number> = { created: 0, sent: 1, unknown: 2, pending: 3, succeeded: 4, failed: 4 };

type Kind = 'amount' | 'offer';
const providerOf = (kind: Kind): ProviderId => (kind === 'amount' ? 'alqimah' : 'weta');
const productOf = (kind: Kind): Product => (kind === 'amount' ? { kind: 'amount', amount: money(500_00) } : { kind: 'offer', code: '2' });

/** The real side: simulators, a DB file, the services, and what the wire saw. */
type Real = {
  file: string;
  clock: { t: number; now: () => number };
  alqimah: AlqimahSimulator;
  weta: WetaSimulator;
  db: Db;
  reader: Db;
  sales: SaleServices;
  /** Payment id → the journal state of its row when the first payment request for it left (null: no row). */
  firstSeen: Map<string, SaleState | null>;
  violations: string[];
};

type Model = {
  next: number;
  /** Last state seen per transaction id: a later look may only show the same or a higher rank. */
  seen: Map<number, SaleState>;
  /** Submit key → the id the engine gave it, and the request. */
  keys: Map<string, { id: string; number: string; kind: Kind }>;
  crashes: number;
};

const figures = { runs: 0, commands: 0, sales: 0, charges: 0, crashes: 0, midSaleCrashes: 0, doubleSubmits: 0, finalRounds: 0 };

async function build(real: Omit<Real, 'db' | 'reader' | 'sales'> & Partial<Real>): Promise<void> {
  const opened = openDatabase(real.file, { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const reader = new Database(real.file, { readonly: true, fileMustExist: true });
  const settings = settingsSchema.parse({ duplicateWindowMinutes: 5 });
  // Every request goes through here: a payment must find its row already committed as `sent`.
  const watch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (typeof init?.body === 'string') {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(init.body) as Record<string, unknown>;
      } catch {
        body = null;
      }
      let id: string | null = null;
      if (body && url.endsWith('/bill/weta-offer') && body.trans_id !== undefined) id = String(body.trans_id);
      if (body && url.startsWith(real.alqimah.url) && body.TransactionID !== undefined && (body.Amount !== undefined || body.OfferCode !== undefined)) id = String(body.TransactionID);
      if (id !== null && !real.firstSeen.has(id)) {
        const row = real.reader?.open ? (real.reader.prepare('SELECT state FROM sales WHERE tx_id = ?').get(Number(id)) as { state: SaleState } | undefined) : undefined;
        real.firstSeen.set(id, row?.state ?? null);
      }
    }
    return fetch(input, init);
  };
  const sales = await createSaleServices(
    { db, now: real.clock.now, log: quietLog, events: createEventBus(), settings: () => settings },
    {
      credentialsFor: async (id) => (id === 'alqimah' ? { ...defaultSimAccount } : { ...WETA_USER }),
      providerUrls: { alqimah: real.alqimah.url, weta: real.weta.url },
      providerTimeoutMs: 1_500,
      providerOrder: ['weta', 'alqimah'],
      reconciler: { baseDelayMs: 1_000, maxDelayMs: 60_000, maxChecks: 10, notFoundGraceMs: 10 * 60_000, concurrency: 4 },
      every: () => () => {},
      random: () => 0.5,
      startReconciler: false,
      fetch: watch,
    },
  );
  Object.assign(real, { db, reader, sales });
}

async function startReal(seed: number): Promise<Real> {
  const temp = makeTempDir('pos-model-');
  const clock = { t: Date.now(), now: () => clock.t };
  const alqimah = await startAlqimahSimulator({ balanceMinor: 1_000_000_000_00, recordRequests: false, seed, now: clock.now });
  const weta = await startWetaSimulator({ users: [{ ...WETA_USER, balance: 1_000_000_000 }], recordLimit: 10, seed, now: clock.now });
  const real = { file: join(temp.dir, 'pos.sqlite'), clock, alqimah, weta, firstSeen: new Map(), violations: [], remove: temp.remove } as unknown as Real & { remove: () => void };
  await build(real);
  return real;
}

async function closeReal(real: Real & { remove?: () => void }): Promise<void> {
  try {
    await real.sales.close();
  } catch {
    // already closed by a crash
  }
  if (real.db.open) real.db.close();
  if (real.reader.open) real.reader.close();
  await real.alqimah.close();
  await real.weta.close();
  real.remove?.();
}

/** A crash: with `midSale`, the DB is closed under a sale on the wire; either way everything is reopened on the same file. */
async function crash(real: Real, model: Model, midSale: Kind | null): Promise<void> {
  model.crashes++;
  figures.crashes++;
  if (midSale) {
    figures.midSaleCrashes++;
    const key = `k${model.next++}`;
    const number = numberFor(model.next++);
    real.alqimah.knobs.latency = { next: 1, probability: 0, ms: 40, only: ['payment'] };
    real.weta.knobs.latencyMs = 40;
    const old = real.sales;
    const pending = old.engine.submit({ number, product: productOf(midSale), submitKey: key, confirmDuplicate: true }).catch(() => null);
    await new Promise((r) => setTimeout(r, 15));
    // The process dies: nothing is flushed or finished, the DB handle just goes away.
    real.db.close();
    real.reader.close();
    await Promise.race([pending, new Promise((r) => setTimeout(r, 3_000))]);
    real.weta.knobs.latencyMs = 0;
    real.alqimah.knobs.latency = { next: 0, probability: 0, ms: 0 };
    await old.reconciler.stop().catch(() => {});
    await old.registry.close().catch(() => {});
  } else {
    await real.sales.close();
    real.db.close();
    real.reader.close();
  }
  await build(real);
  const integrity = real.db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') real.violations.push(`integrity_check after crash ${model.crashes}: ${String(integrity)}`);
  // What the app does at start-up.
  await real.sales.reconciler.start();
}

function numberFor(n: number): string {
  return `77${String(1_000_000 + n).padStart(7, '0')}`;
}

type SimState = 'succeeded' | 'failed' | 'pending';

/** Every payment id each simulator holds, with its state there and how many times it was charged. */
function simulatorPayments(real: Real): Map<string, { provider: ProviderId; state: SimState; charges: number }> {
  const out = new Map<string, { provider: ProviderId; state: SimState; charges: number }>();
  for (const [id, tx] of real.alqimah.ledger.transactions) out.set(id, { provider: 'alqimah', state: tx.state, charges: real.alqimah.ledger.chargesFor(id) });
  for (const e of real.weta.ledger.entries) {
    if (e.kind !== 'charge') continue;
    const id = String(e.transId);
    const tx = real.weta.ledger.transaction(e.username, e.transId);
    const state: SimState = tx?.state === 'done' ? 'succeeded' : tx?.state === 'banned' ? 'failed' : 'pending';
    const prior = out.get(id);
    if (prior && prior.provider === 'alqimah') out.set(`${id}!both`, { provider: 'weta', state, charges: 2 });
    out.set(id, { provider: 'weta', state, charges: (prior?.provider === 'weta' ? prior.charges : 0) + 1 });
  }
  return out;
}

type Row = { tx_id: number; provider: ProviderId; state: SaleState };

/** The invariants; `final` adds: nothing open, and the journal's successes equal the providers'. */
function check(real: Real, model: Model, final: boolean): void {
  const problems: string[] = [...real.violations];
  const rows = real.db.prepare('SELECT tx_id, provider, state FROM sales').all() as Row[];
  const byId = new Map(rows.map((r) => [String(r.tx_id), r]));
  const sims = simulatorPayments(real);
  for (const [id, sim] of sims) {
    if (sim.charges > 1) problems.push(`id ${id} charged ${sim.charges} times by ${sim.provider}`);
    const row = byId.get(id);
    if (!row) problems.push(`id ${id} charged by ${sim.provider} but not in the journal`);
    else if (row.provider !== sim.provider) problems.push(`id ${id} charged by ${sim.provider} but journaled for ${row.provider}`);
    const first = real.firstSeen.get(id);
    if (first !== 'sent') problems.push(`id ${id}: its first payment request left with the journal row ${first === undefined ? 'unobserved' : (first ?? 'missing')}`);
    if (row?.state === 'failed' && sim.state === 'succeeded') problems.push(`id ${id} failed in the journal, succeeded at ${sim.provider}`);
    if (final && row && row.state !== sim.state) problems.push(`id ${id}: journal ${row.state}, ${sim.provider} ${sim.state}`);
  }
  for (const row of rows) {
    const id = String(row.tx_id);
    if (row.state === 'succeeded' && sims.get(id)?.state !== 'succeeded') problems.push(`id ${id} succeeded in the journal, ${sims.get(id)?.state ?? 'never charged'} at the provider`);
    if (final && RANK[row.state] < 4) problems.push(`id ${id} still ${row.state} after the final reconcile`);
    const before = model.seen.get(row.tx_id);
    if (before !== undefined && (RANK[row.state] < RANK[before] || (RANK[before] === 4 && row.state !== before))) problems.push(`id ${id} moved back: ${before} → ${row.state}`);
    model.seen.set(row.tx_id, row.state);
  }
  for (const id of model.seen.keys()) if (!byId.has(String(id))) problems.push(`id ${id} vanished from the journal`);
  const transitions = real.db.prepare('SELECT tx_id, state, note FROM sale_transitions ORDER BY id').all() as { tx_id: number; state: SaleState; note: string | null }[];
  const timeline = new Map<number, SaleState[]>();
  for (const t of transitions) {
    const states = timeline.get(t.tx_id) ?? [];
    // A sale flagged for the owner in the state it was already in gets a note, not a move.
    if (t.note?.startsWith('needs attention:') && states.at(-1) === t.state) continue;
    timeline.set(t.tx_id, [...states, t.state]);
  }
  for (const row of rows) {
    const states = timeline.get(row.tx_id) ?? [];
    if (states[0] !== 'created') problems.push(`id ${row.tx_id} timeline starts with ${states[0] ?? 'nothing'}`);
    for (let i = 1; i < states.length; i++) if (RANK[states[i]!] <= RANK[states[i - 1]!]) problems.push(`id ${row.tx_id} timeline goes ${states.join(' → ')}`);
    if (states.at(-1) !== row.state) problems.push(`id ${row.tx_id} is ${row.state} but its timeline ends ${states.at(-1)}`);
  }
  if (final) {
    const journalOk = rows.filter((r) => r.state === 'succeeded').map((r) => String(r.tx_id)).sort();
    const providerOk = [...sims].filter(([, s]) => s.state === 'succeeded').map(([id]) => id).sort();
    if (JSON.stringify(journalOk) !== JSON.stringify(providerOk)) problems.push(`succeeded: journal ${journalOk.join(',')} ≠ providers ${providerOk.join(',')}`);
  }
  expect(problems).toEqual([]);
}

type Cmd = fc.AsyncCommand<Model, Real>;

async function sell(real: Real, model: Model, kind: Kind): Promise<void> {
  const key = `k${model.next++}`;
  const number = numberFor(model.next++);
  const r = await real.sales.engine.submit({ number, product: productOf(kind), submitKey: key, confirmDuplicate: true });
  expect(r.ok).toBe(true);
  if (r.ok) {
    expect(r.value.provider).toBe(providerOf(kind));
    model.keys.set(key, { id: r.value.id, number, kind });
  }
}

class Sell implements Cmd {
  constructor(readonly kind: Kind, readonly fault: 'none' | 'drop' | 'pending') {}
  check = () => true;
  async run(model: Model, real: Real) {
    if (this.fault === 'drop') {
      if (this.kind === 'amount') real.alqimah.knobs.dropAfterCharge.next = 1;
      else real.weta.knobs.next('/bill/weta-offer', { kind: 'drop_after_charge' });
    }
    if (this.fault === 'pending') {
      if (this.kind === 'amount') real.alqimah.knobs.pending = { next: 1, probability: 0, checks: 2, outcome: model.next % 2 ? 'failed' : 'succeeded' };
      else real.weta.knobs.next('/bill/weta-offer', { kind: 'pending', checks: 2, then: model.next % 2 ? 'failed' : 'succeeded' });
    }
    await sell(real, model, this.kind);
    check(real, model, false);
  }
  toString = () => `sell(${this.kind}${this.fault === 'none' ? '' : `, ${this.fault}`})`;
}

class ExpireTokens implements Cmd {
  constructor(readonly provider: ProviderId) {}
  check = () => true;
  async run(model: Model, real: Real) {
    if (this.provider === 'alqimah') real.alqimah.knobs.expireTokens();
    else real.weta.knobs.next('/bill/weta-offer', { kind: 'token_expired' });
    check(real, model, false);
  }
  toString = () => `expireTokens(${this.provider})`;
}

class Crash implements Cmd {
  constructor(readonly midSale: Kind | null) {}
  check = () => true;
  async run(model: Model, real: Real) {
    await crash(real, model, this.midSale);
    check(real, model, false);
  }
  toString = () => `crash(${this.midSale ? `during ${this.midSale} sale` : 'between sales'})`;
}

class Recheck implements Cmd {
  constructor(readonly advanceMs: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.clock.t += this.advanceMs;
    await real.sales.reconciler.recheck();
    await real.sales.reconciler.runDue(1_000);
    check(real, model, false);
  }
  toString = () => `recheck(+${this.advanceMs}ms)`;
}

class DoubleSubmit implements Cmd {
  constructor(readonly kind: Kind, readonly concurrent: boolean) {}
  check = () => true;
  async run(model: Model, real: Real) {
    figures.doubleSubmits++;
    const key = `k${model.next++}`;
    const number = numberFor(model.next++);
    const request = { number, product: productOf(this.kind), submitKey: key, confirmDuplicate: true };
    const count = () => (real.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
    const before = count();
    const [a, b] = this.concurrent
      ? await Promise.all([real.sales.engine.submit(request), real.sales.engine.submit(request)])
      : [await real.sales.engine.submit(request), await real.sales.engine.submit(request)];
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(b.value.id).toBe(a.value.id);
      model.keys.set(key, { id: a.value.id, number, kind: this.kind });
    }
    expect(count()).toBe(before + 1);
    check(real, model, false);
  }
  toString = () => `doubleSubmit(${this.kind}, ${this.concurrent ? 'concurrent' : 'one after the other'})`;
}

class ResubmitOld implements Cmd {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.keys.size > 0;
  async run(model: Model, real: Real) {
    const keys = [...model.keys];
    const [key, old] = keys[this.pick % keys.length]!;
    const count = () => (real.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
    const before = count();
    const r = await real.sales.engine.submit({ number: old.number, product: productOf(old.kind), submitKey: key, confirmDuplicate: true });
    expect(r.ok && r.value.id).toBe(old.id);
    expect(count()).toBe(before);
    check(real, model, false);
  }
  toString = () => `resubmitOld(#${this.pick})`;
}

class SellWhileReconciling implements Cmd {
  constructor(readonly kind: Kind, readonly drop: boolean) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.alqimah.knobs.latency = { next: 1, probability: 0, ms: 20, only: ['payment'] };
    real.weta.knobs.latencyMs = 10;
    if (this.drop) {
      if (this.kind === 'amount') real.alqimah.knobs.dropAfterCharge.next = 1;
      else real.weta.knobs.next('/bill/weta-offer', { kind: 'drop_after_charge' });
    }
    try {
      real.clock.t += 60_000;
      const selling = sell(real, model, this.kind);
      const reconciling = (async () => {
        for (let i = 0; i < 4; i++) {
          await new Promise((r) => setTimeout(r, 5));
          await real.sales.reconciler.runDue(1_000);
          await real.sales.reconciler.recheck();
        }
      })();
      await Promise.all([selling, reconciling]);
    } finally {
      real.weta.knobs.latencyMs = 0;
      real.alqimah.knobs.latency = { next: 0, probability: 0, ms: 0 };
    }
    check(real, model, false);
  }
  toString = () => `sellWhileReconciling(${this.kind}${this.drop ? ', drop' : ''})`;
}

const kindArb = fc.constantFrom<Kind>('amount', 'offer');
const commandArbs = [
  fc.tuple(kindArb, fc.constantFrom<'none' | 'drop' | 'pending'>('none', 'drop', 'pending')).map(([k, f]) => new Sell(k, f)),
  fc.constantFrom<ProviderId>('alqimah', 'weta').map((p) => new ExpireTokens(p)),
  fc.option(kindArb, { nil: null, freq: 2 }).map((k) => new Crash(k)),
  fc.constantFrom(0, 2_000, 60_000, 11 * 60_000).map((ms) => new Recheck(ms)),
  fc.tuple(kindArb, fc.boolean()).map(([k, c]) => new DoubleSubmit(k, c)),
  fc.nat(20).map((n) => new ResubmitOld(n)),
  fc.tuple(kindArb, fc.boolean()).map(([k, d]) => new SellWhileReconciling(k, d)),
];

describe('sale engine model', () => {
  it(
    'under any mix of sells, drops, token expiry, crashes, re-checks and double submits: no id charged twice, every charged id journaled before its request, journal successes equal provider successes, states only forward, DB intact after every crash',
    async () => {
      const started = Date.now();
      const result = await fc.check(
        fc.asyncProperty(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS }), fc.integer({ min: 1, max: 1_000_000 }), async (cmds, seed) => {
          const real = await startReal(seed);
          const model: Model = { next: 0, seen: new Map(), keys: new Map(), crashes: 0 };
          try {
            await fc.asyncModelRun(() => ({ model, real }), cmds);
            // Settle: the reconciler with the clock moved on, until nothing is open (bounded in rounds and time).
            const until = Date.now() + 10_000;
            let rounds = 0;
            while (rounds < 40 && Date.now() < until && real.sales.journal.unresolved().length > 0) {
              rounds++;
              real.clock.t += 10 * 60_000;
              await real.sales.reconciler.runDue(1_000);
              if (rounds % 10 === 0) await real.sales.reconciler.recheck();
            }
            figures.finalRounds = Math.max(figures.finalRounds, rounds);
            check(real, model, true);
            figures.runs++;
            figures.commands += [...cmds].length;
            figures.sales += (real.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
            figures.charges += simulatorPayments(real).size;
          } finally {
            await closeReal(real);
          }
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: false },
      );
      console.log(`sale model: ${JSON.stringify({ ...figures, numRuns: RUNS, seconds: (Date.now() - started) / 1000, interrupted: result.interrupted, seed: result.seed })}`);
      if (result.failed) throw new Error(fc.defaultReportMessage(result) ?? 'model run failed');
      expect(figures.runs).toBeGreaterThanOrEqual(Math.ceil(RUNS / 4));
    },
    TIME_LIMIT_MS + 120_000,
  );
});
