// Who the sale is for: a whole number and the network it goes to (the cashier's pick for landline/ADSL).
import type { Network } from '../../../shared/domain';

export type SaleTarget = { national: string; network: Network };

/** The networks topped up by units priced by the provider, not by an amount (Sabafon, YOU, Y). */
export const UNIT_NETWORKS: readonly Network[] = ['sabafon', 'you', 'y'];

export function isUnitNetwork(network: Network): boolean {
  return UNIT_NETWORKS.includes(network);
}
