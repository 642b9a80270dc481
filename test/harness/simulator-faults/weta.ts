// The Weta simulator as the tests use it: the shipped server (training mode's) plus the fault knobs
// and the request recorder, which stay here in test/ and reach the server only through its `faults`
// and `observe` hooks.
import {
  startWetaSimulator as startShippedSimulator,
  type WetaFault,
  type WetaRequest,
  type WetaSimFaults,
  type WetaSimulator as ShippedWetaSimulator,
  type WetaSimulatorOptions as ShippedWetaSimulatorOptions,
  type WetaStatusReading,
} from '../../../electron/providers/weta/simulator';
import type { ApiErrorCode } from '../../../electron/providers/weta/wire';
import { seededRandom } from './seeded-random';

export * from '../../../electron/providers/weta/simulator';

export type WetaKnobs = {
  /** Added to every answer. */
  latencyMs: number;
  /** Status checks a `pending` bill answers "in progress" before settling (probability mode). */
  pendingChecks: number;
  /** Probability per bill of each fault, drawn from the seeded RNG. */
  probability: Partial<Record<'drop_after_charge' | 'server_error' | 'malformed_json' | 'token_expired' | 'pending_success' | 'pending_ban' | 'insufficient_balance' | 'api_error', number>>;
  /** When set, a bill that arrives while another bill of the same agent is still being answered gets 1001 ("another batch"). */
  oneBillAtATime: boolean;
  /** How /q/status writes isDone/isBan (the document says it two ways). */
  statusReading: WetaStatusReading;
  /** Queues a fault for the next request to `route` ('/bill/weta-offer', '/q/status', … or '*'). */
  next(route: string, fault: WetaFault): void;
  clear(): void;
};

export type WetaSimulatorOptions = ShippedWetaSimulatorOptions & {
  /** Seed of the fault RNG: same seed, same faults. */
  seed?: number;
  /** Keep at most this many recorded requests (oldest dropped). */
  recordLimit?: number;
};

export type WetaSimulator = ShippedWetaSimulator & {
  knobs: WetaKnobs;
  requests: WetaRequest[];
  /** Every token ever issued, so tests can check none leaks. */
  issuedTokens: string[];
};

export async function startWetaSimulator(options: WetaSimulatorOptions = {}): Promise<WetaSimulator> {
  const { seed, recordLimit = 10_000, ...shipped } = options;
  const random = seededRandom(seed ?? 1);
  const requests: WetaRequest[] = [];
  const issuedTokens: string[] = [];
  const queued = new Map<string, WetaFault[]>();

  const knobs: WetaKnobs = {
    latencyMs: 0,
    pendingChecks: 2,
    probability: {},
    oneBillAtATime: false,
    statusReading: 'status_section',
    next(route, fault) {
      const list = queued.get(route) ?? [];
      list.push(fault);
      queued.set(route, list);
    },
    clear() {
      queued.clear();
      knobs.probability = {};
      knobs.latencyMs = 0;
      knobs.statusReading = 'status_section';
    },
  };

  function takeFault(route: string): WetaFault | undefined {
    for (const key of [route, '*']) {
      const list = queued.get(key);
      if (list && list.length > 0) {
        const fault = list.shift();
        if (list.length === 0) queued.delete(key);
        return fault;
      }
    }
    return undefined;
  }

  function drawBillFault(): WetaFault | undefined {
    const p = knobs.probability;
    const draw = (x: number | undefined) => x !== undefined && x > 0 && random() < x;
    if (draw(p.token_expired)) return { kind: 'token_expired' };
    if (draw(p.server_error)) return { kind: 'server_error' };
    if (draw(p.insufficient_balance)) return { kind: 'api_error', code: 1000 };
    if (draw(p.api_error)) return { kind: 'api_error', code: (1001 + Math.floor(random() * 5)) as ApiErrorCode };
    if (draw(p.drop_after_charge)) return { kind: 'drop_after_charge' };
    if (draw(p.malformed_json)) return { kind: 'malformed_json' };
    if (draw(p.pending_success)) return { kind: 'pending', checks: knobs.pendingChecks, then: 'succeeded' };
    if (draw(p.pending_ban)) return { kind: 'pending', checks: knobs.pendingChecks, then: 'failed', reason: 400 };
    return undefined;
  }

  const faults: WetaSimFaults = {
    faultFor: (path) => takeFault(path) ?? (path === '/bill/weta-offer' ? drawBillFault() : undefined),
    latencyMs: () => knobs.latencyMs,
    oneBillAtATime: () => knobs.oneBillAtATime,
    statusReading: () => knobs.statusReading,
  };

  const sim = await startShippedSimulator({
    ...shipped,
    faults,
    observe: {
      request: (r) => {
        if (requests.length >= recordLimit) requests.shift();
        requests.push(r);
      },
      tokenIssued: (token) => issuedTokens.push(token),
    },
  });
  return { ...sim, knobs, requests, issuedTokens };
}
