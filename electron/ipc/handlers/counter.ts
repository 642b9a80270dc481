// Handlers of the counter channels (shared/ipc/counter.ts): thin, the work is in electron/catalogue/.
// Providers come from the sale engine's registry, so the counter reads from the same clients (and
// the same training simulators) that sell.
import type { counterChannels } from '../../../shared/ipc/counter';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import { resolveNumber, type ProviderList } from '../../catalogue/subscriber-lookup';
import type { CounterServices } from '../../services';
import type { SaleEngine } from '../../sales/sale-engine';
import type { CallContext } from '../dispatch';

/** What the counter's agent balance needs: the balances the sale engine has seen, and the owner's warning level. */
export type CounterBalances = { engine: Pick<SaleEngine, 'balances'>; lowBalanceThreshold: () => number };

export function createCounterHandlers(
  { recent, lookup, catalogue: cache }: CounterServices,
  providers: ProviderList,
  agent: CounterBalances,
): HandlersOf<typeof counterChannels, CallContext> {
  // One refresh at a time: a second press while the first is on the wire waits for the same answer.
  let refreshing: ReturnType<typeof cache.refresh> | null = null;

  return {
    'counter.recent': ({ limit }) => ok({ numbers: recent.list(limit) }),
    'counter.remember': ({ number, network }) => {
      const resolved = resolveNumber(number, network);
      if (!resolved.ok) return resolved;
      recent.remember(resolved.value.national, resolved.value.network);
      return ok({ numbers: recent.list() });
    },
    'counter.offers': async ({ number, network }) => {
      const resolved = resolveNumber(number, network);
      if (!resolved.ok) return resolved;
      const found = await lookup.offers(resolved.value);
      return ok({ network: resolved.value.network, ...found });
    },
    'counter.query': async ({ number, network, kind, subscriberType }) => {
      const resolved = resolveNumber(number, network);
      if (!resolved.ok) return resolved;
      const answer = await lookup.query(resolved.value, kind, subscriberType);
      return answer.ok ? ok({ network: resolved.value.network, ...answer.value }) : answer;
    },
    'counter.balances': async ({ refresh }) => {
      const threshold = agent.lowBalanceThreshold();
      const lines = await agent.engine.balances(refresh === true);
      return ok({
        threshold: { minor: threshold, currency: 'YER' as const },
        balances: lines.map(({ provider, seen, error }) => ({
          provider,
          balance: seen?.balance ?? null,
          at: seen?.at ?? null,
          error,
          low: seen !== null && seen.balance.currency === 'YER' && seen.balance.minor < threshold,
        })),
      });
    },
    'counter.catalogue': async ({ refresh }) => {
      const cached = cache.read();
      // The first visit fetches on its own: an empty, never-fetched cache is not worth showing.
      if (!refresh && cached.fetchedAt !== null) return ok(cached);
      refreshing ??= cache.refresh(providers.providers()).finally(() => {
        refreshing = null;
      });
      return ok(await refreshing);
    },
  };
}
