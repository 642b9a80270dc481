// The Al-Qimah simulator as the tests use it: the shipped server (training mode's) plus the fault
// knobs and the request recorder, which stay here in test/ and reach the server only through its
// `faults` and `observe` hooks.
import {
  startAlqimahSimulator as startShippedSimulator,
  type AlqimahSimFaults,
  type AlqimahSimulatorOptions,
  type SimCallKind,
  type SimRequest,
} from '../../../electron/providers/alqimah/simulator';
import { seededRandom } from './seeded-random';

export * from '../../../electron/providers/alqimah/simulator';

/** Fires for the next `next` matching calls, then with `probability` (seeded RNG); `only` limits it to call kinds. */
export type FaultRule = { next: number; probability: number; only?: SimCallKind[] };

export type SimKnobs = {
  latency: FaultRule & { ms: number };
  /** The payment is charged, then the socket is destroyed before any answer. */
  dropAfterCharge: FaultRule;
  /** HTTP 503 before the request is looked at: nothing is charged. */
  serverErrorBeforeCharge: FaultRule;
  /** The request is processed (a payment is charged), then the answer is cut JSON. */
  malformedJson: FaultRule;
  /** The payment answers -1 and stays pending for `checks` status calls, then settles to `outcome`. */
  pending: FaultRule & { checks: number; outcome: 'succeeded' | 'failed' };
  /** The payment answers operationStatus 0 (failed, not charged). */
  failPayment: FaultRule;
  /** Rejects the payment for insufficient balance whatever the ledger holds. */
  insufficientBalance: FaultRule;
  /** Refuses a status check ({status:false}) with this free text whatever the ledger holds ("Service number not found"). */
  statusRefused: FaultRule & { message: string };
  tokenTtlMs: number;
  /** Every access token issued so far stops working now. */
  expireTokens(): void;
};

export type TestAlqimahSimulatorOptions = AlqimahSimulatorOptions & {
  /** Seed of the fault RNG: same seed, same faults. */
  seed?: number;
  /** Keep every request for wire checks; off for long benchmarks. */
  recordRequests?: boolean;
};

const rule = (): FaultRule => ({ next: 0, probability: 0 });

export async function startAlqimahSimulator(options: TestAlqimahSimulatorOptions = {}) {
  const { seed, recordRequests, ...shipped } = options;
  const random = seededRandom(seed ?? 1);
  const record = recordRequests ?? true;
  const requests: SimRequest[] = [];
  const live = new Set<string>();
  const revoked = new Set<string>();

  const knobs: SimKnobs = {
    latency: { ...rule(), ms: 0 },
    dropAfterCharge: rule(),
    serverErrorBeforeCharge: rule(),
    malformedJson: rule(),
    pending: { ...rule(), checks: 1, outcome: 'succeeded' },
    failPayment: rule(),
    insufficientBalance: rule(),
    statusRefused: { ...rule(), message: 'Service number not found' },
    tokenTtlMs: 60 * 60 * 1000,
    expireTokens: () => {
      for (const token of live) revoked.add(token);
      live.clear();
    },
  };

  function fires(r: FaultRule, kind: SimCallKind): boolean {
    if (r.only && !r.only.includes(kind)) return false;
    if (r.next > 0) {
      r.next -= 1;
      return true;
    }
    return r.probability > 0 && random() < r.probability;
  }

  const faults: AlqimahSimFaults = {
    delayMs: (kind) => (knobs.latency.ms > 0 && fires(knobs.latency, kind) ? knobs.latency.ms : 0),
    serverError: (kind) => fires(knobs.serverErrorBeforeCharge, kind),
    dropAfterCharge: (kind) => fires(knobs.dropAfterCharge, kind),
    malformedJson: (kind) => fires(knobs.malformedJson, kind),
    failPayment: () => fires(knobs.failPayment, 'payment'),
    insufficientBalance: () => fires(knobs.insufficientBalance, 'payment'),
    pending: () => (fires(knobs.pending, 'payment') ? { checks: knobs.pending.checks, outcome: knobs.pending.outcome } : undefined),
    statusRefused: () => (fires(knobs.statusRefused, 'global') ? knobs.statusRefused.message : undefined),
    tokenTtlMs: () => knobs.tokenTtlMs,
    tokenRevoked: (token) => revoked.has(token),
  };

  const sim = await startShippedSimulator({
    ...shipped,
    faults,
    observe: {
      request: (r) => {
        if (record) requests.push(r);
      },
      tokenIssued: (token) => live.add(token),
    },
  });
  return { ...sim, knobs, requests };
}
export type AlqimahSimulator = Awaited<ReturnType<typeof startAlqimahSimulator>>;
