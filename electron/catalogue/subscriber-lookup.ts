// What the counter asks the providers about a number before selling: the packages it can buy and
// the subscriber queries (balance, loan, current offers). Reads only, never a payment, so a provider
// that fails is simply passed over for the next one that sells the network.
import type { Network, Product, ProviderId, SubscriberInfo, SubscriberQueryKind, SubscriberType } from '../../shared/domain';
import type { CounterOffer } from '../../shared/ipc/counter';
import { checkFinalNumber } from '../../shared/numbers';
import { err, ok, type AppError, type Result } from '../../shared/result';
import type { Provider, SubscriberNumber } from '../providers/provider';

/** The providers in use (electron/providers/registry.ts): all of them, and those for one network and product or query in the owner's order. */
export type ProviderList = { providers(): Provider[]; route(network: Network, what: Product['kind'] | SubscriberQueryKind): Provider[] };

/** The typed number as a checked subscriber number, or why not; the cashier's network pick settles landline/ADSL. */
export function resolveNumber(typed: string, network: Network | undefined): Result<SubscriberNumber> {
  const check = checkFinalNumber(typed);
  if (check.status === 'invalid') return err(check.code, `not a number we can sell to (${check.code})`, check.params);
  if (check.status !== 'valid') return err('input.invalid_number', 'not a complete number');
  if (network !== undefined) {
    if (!check.networks.includes(network)) return err('input.invalid_number', `the number is not a ${network} number`);
    return ok({ national: check.national, network });
  }
  if (check.networks.length > 1) return err('input.network_required', 'the number fits more than one network');
  return ok({ national: check.national, network: check.networks[0]! });
}

export type SubscriberLookup = ReturnType<typeof createSubscriberLookup>;

export function createSubscriberLookup(list: ProviderList, now: () => number) {
  return {
    /**
     * The offers of every provider that sells offers on this network, in the owner's order. Each
     * carries its provider, and the engine sells an offer only through the provider it came from.
     */
    async offers(number: SubscriberNumber): Promise<{ offers: CounterOffer[]; errors: AppError[] }> {
      const answers = await Promise.all(
        list.route(number.network, 'offer').map(async (seller) => ({ seller, result: await seller.offers(number) })),
      );
      return {
        offers: answers.flatMap(({ seller, result }) => (result.ok ? result.value.map((offer) => ({ ...offer, provider: seller.id })) : [])),
        errors: answers.flatMap(({ result }) => (result.ok ? [] : [result.error])),
      };
    },

    async query(
      number: SubscriberNumber,
      kind: SubscriberQueryKind,
      subscriberType?: SubscriberType,
    ): Promise<Result<{ provider: ProviderId; info: SubscriberInfo; at: number }>> {
      const askable = list.route(number.network, kind);
      if (askable.length === 0) return err('provider.unsupported', `no provider answers a ${kind} query for ${number.network}`);
      let last: Result<never> | null = null;
      for (const provider of askable) {
        const answer = await provider.query(number, kind, subscriberType);
        if (answer.ok) return ok({ provider: provider.id, info: answer.value, at: now() });
        last = answer;
      }
      return last!;
    },
  };
}
