// Al-Qimah's network and service numbers as data (docs/architecture.md, "Providers"): the document's tables are empty apart
// from its examples, so the numbers below are seeded defaults that the owner edits in settings; the
// edited copy is parsed with `alqimahServiceMapSchema` and injected into the client.
import { z } from 'zod';
import { networkSchema, type Network } from '../../../shared/domain';

const decimalText = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number like "1.21"');
const serviceNumber = z.number().int().nonnegative();

export const alqimahNetworkEntrySchema = z.object({
  networkNumber: serviceNumber,
  /** `amount`: Amount is money (Yemen Mobile, landline, ADSL, 4G). `units`: Amount is units, priced by the provider per unit. */
  pricing: z.enum(['amount', 'units']),
  /** YER per unit for `units` networks, as the provider's system has it (document example: 1.21). */
  unitPrice: decimalText.optional(),
  services: z.object({
    balance: serviceNumber.optional(),
    loan: serviceNumber.optional(),
    offersQuery: serviceNumber.optional(),
    topUp: serviceNumber.optional(),
    offerPayment: serviceNumber.optional(),
  }),
});
export type AlqimahNetworkEntry = z.infer<typeof alqimahNetworkEntrySchema>;

export const alqimahServiceMapSchema = z.object({
  global: z.object({
    networkNumber: serviceNumber,
    balance: serviceNumber,
    status: serviceNumber,
    feed: serviceNumber,
    categories: serviceNumber,
  }),
  networks: z.partialRecord(networkSchema, alqimahNetworkEntrySchema),
  games: z.object({ networkNumber: serviceNumber, serviceNumber }),
});
export type AlqimahServiceMap = z.infer<typeof alqimahServiceMapSchema>;

export const defaultAlqimahServiceMap: AlqimahServiceMap = alqimahServiceMapSchema.parse({
  // Documented: network 0 services 1-4, Yemen Mobile 1 (101-104, 107), ADSL 5, landline 6, 4G 7, games 8/801.
  global: { networkNumber: 0, balance: 1, status: 2, feed: 3, categories: 4 },
  networks: {
    yemen_mobile: {
      networkNumber: 1,
      pricing: 'amount',
      services: { balance: 101, loan: 102, offersQuery: 107, topUp: 103, offerPayment: 104 },
    },
    adsl: { networkNumber: 5, pricing: 'amount', services: { balance: 501, topUp: 502 } },
    landline: { networkNumber: 6, pricing: 'amount', services: { balance: 601, topUp: 602 } },
    yemen_4g: { networkNumber: 7, pricing: 'amount', services: { balance: 701, topUp: 702 } },
    // DEFAULTS THE OWNER EDITS: the document does not list Sabafon, YOU or Y. Its offer example uses
    // network 2 service 202, so each gets N01 for top-up by units and N02 for offers; unit prices
    // are placeholders near the document's 1.21 example.
    sabafon: {
      networkNumber: 2,
      pricing: 'units',
      unitPrice: '1.21',
      services: { topUp: 201, offerPayment: 202 },
    },
    you: { networkNumber: 3, pricing: 'units', unitPrice: '1.2', services: { topUp: 301, offerPayment: 302 } },
    y: { networkNumber: 4, pricing: 'units', unitPrice: '1.15', services: { topUp: 401, offerPayment: 402 } },
  },
  games: { networkNumber: 8, serviceNumber: 801 },
});

export function networkEntry(map: AlqimahServiceMap, network: Network): AlqimahNetworkEntry | undefined {
  return map.networks[network];
}
