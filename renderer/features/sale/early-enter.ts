// An Enter pressed on the confirm screen before the price has arrived: applied once the quote is in
// only when the cashier has in fact seen the price already (a top-up by amount costs what they
// typed) and nothing else needs a second look; otherwise refused, in words. Never a sale on a price
// the cashier has not seen.
import type { Product } from '../../../shared/domain';
import type { Money } from '../../../shared/money';

export function earlyEnterApplies(product: Product, quote: { price: Money | null; duplicateOf: unknown }): boolean {
  return (
    quote.duplicateOf === null &&
    product.kind === 'amount' &&
    quote.price !== null &&
    quote.price.minor === product.amount.minor &&
    quote.price.currency === product.amount.currency
  );
}
