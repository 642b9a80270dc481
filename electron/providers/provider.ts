// The one interface both wholesale providers implement (docs/architecture.md, "Providers"). A provider method never
// throws for anything the network or the provider can do: it returns a value. Payment is special:
// `pay` is sent at most once per call and never retried here; an unclear outcome comes back as
// `unknown`, for the sale engine to resolve through `status` (docs/architecture.md, "Sales").
import type { CatalogueItem, Network, Offer, Product, ProviderId, SubscriberInfo, SubscriberQueryKind, SubscriberType } from '../../shared/domain';
import type { Money } from '../../shared/money';
import type { AppError, Result } from '../../shared/result';

/** A number already checked by `shared/numbers.ts`: national digits and its network. */
export type SubscriberNumber = { national: string; network: Network };

export type PayRequest = {
  /** Our transaction id: decimal digits of a safe integer, unique forever (docs/architecture.md, "Sales"). */
  txId: string;
  number: SubscriberNumber;
  product: Product;
  /** Al-Qimah only: where and with which per-sale code the provider reports the final state. */
  webhook?: { url: string; code: string };
  /** Weta only: subscriber type for mobiles; line/adsl follow from the network. */
  subscriberType?: SubscriberType;
};

/** Everything a provider said, verbatim, for the journal. */
export type RawExchange = { status?: number; body: string };

export type PayOutcome = {
  /** `unknown`: the request may have been charged; only the status call can tell (time-out, dropped connection, 5xx after sending, unreadable answer). */
  state: 'succeeded' | 'failed' | 'pending' | 'unknown';
  providerRef?: string;
  price?: Money;
  agentBalance?: Money;
  message?: string;
  /** For `failed` (why) and `unknown` (what went wrong on the way). */
  error?: AppError;
  raw?: RawExchange;
};

export type StatusOutcome = {
  /**
   * `not_found`: the provider has no such transaction (it was never charged). `unknown`: the status
   * call itself failed, or its answer proves nothing; ask again later. `unclear`: the provider
   * answered, but in a way that reads two ways (or not as documented): asking again will not settle
   * it, a person must (the answer goes in `message`).
   */
  state: 'succeeded' | 'failed' | 'pending' | 'not_found' | 'unknown' | 'unclear';
  providerRef?: string;
  price?: Money;
  message?: string;
  error?: AppError;
  raw?: RawExchange;
};

/** `product`: what was sent, so a provider whose status answer carries no price can still give one. */
export type StatusRequest = { txId: string; number: SubscriberNumber; product?: Product };

/** A quote before confirming: what the cashier will be charged, where the provider says so. */
export type Quote = { price?: Money; note?: string };

export interface Provider {
  readonly id: ProviderId;
  /** Logs in (or reuses a valid session). Called by every other method as needed. */
  login(): Promise<Result<{ expiresAt: number }>>;
  logout(): Promise<Result<void>>;
  agentBalance(): Promise<Result<Money>>;
  /** Networks and products this provider can sell or query, from its own mapping. */
  supports(network: Network, what: Product['kind'] | SubscriberQueryKind): boolean;
  /** `subscriberType` only matters to a provider that asks it of a mobile (Weta's balance). */
  query(number: SubscriberNumber, kind: SubscriberQueryKind, subscriberType?: SubscriberType): Promise<Result<SubscriberInfo>>;
  offers(number: SubscriberNumber): Promise<Result<Offer[]>>;
  catalogue(): Promise<Result<CatalogueItem[]>>;
  quote(number: SubscriberNumber, product: Product): Promise<Result<Quote>>;
  pay(request: PayRequest): Promise<PayOutcome>;
  status(request: StatusRequest): Promise<StatusOutcome>;
}

/** What a provider needs from the outside: injected so tests and the web shell control them. */
export type ProviderDeps = {
  baseUrl: string;
  /** Milliseconds since epoch. */
  now: () => number;
  timeoutMs: number;
  /** Reads credentials when needed; never cached outside the client, never logged. */
  credentials: () => Promise<Record<string, string> | null>;
  log: Logger;
  fetch?: typeof fetch;
};

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};
