import type { ModelPriceInput } from '../contracts/admin-prices.js';
import type { ModelPrice, TokenPrices } from './price-table.js';

type PartialPrices = Pick<TokenPrices, 'input' | 'output'> & Partial<TokenPrices>;

function completeRates(given: PartialPrices, base: TokenPrices | undefined): TokenPrices {
  // An omitted cache rate keeps the base model's ratio to input (Anthropic: 1.25×, 2×, 0.1×), so an
  // override that only changes input and output stays consistent; with no base, it is the input rate.
  const scaled = (rate: keyof TokenPrices) =>
    base && base.input > 0 ? (base[rate] / base.input) * given.input : given.input;
  return {
    input: given.input,
    output: given.output,
    cacheWrite5m: given.cacheWrite5m ?? scaled('cacheWrite5m'),
    cacheWrite1h: given.cacheWrite1h ?? scaled('cacheWrite1h'),
    cacheRead: given.cacheRead ?? scaled('cacheRead'),
  };
}

/** A full model price from what config or the admin API gave, filling gaps from the model's base price. */
export function completePrice(
  model: string,
  given: ModelPriceInput,
  base: ModelPrice | undefined,
): ModelPrice {
  const price: ModelPrice = { model, ...completeRates(given, base) };
  const long = given.longContext === undefined ? base?.longContext : given.longContext;
  if (long) {
    const { thresholdTokens, ...rates } = long;
    price.longContext = { ...completeRates(rates, base?.longContext ?? base), thresholdTokens };
  }
  return price;
}
