// The sale engine (docs/architecture.md, "Sales"): quote and submit a sale, exactly once. Everything a second press
// could race with is decided synchronously, before the first await: the submit key, a sale in
// flight for the same number and product, the duplicate window, the journal row with its id. Only
// then does a byte go to a provider, and a payment is never sent twice: an unclear answer leaves
// the sale `unknown` for the reconciler, which asks by our own id.
import { createHash, randomBytes } from 'node:crypto';
import { SALE_AMOUNT_RIALS } from '../../shared/bounds';
import { providerIds, type Network, type Product, type ProviderId } from '../../shared/domain';
import type { BalanceSeen, SaleQuote, SaleSubmitRequest, SaleView } from '../../shared/ipc/sales';
import type { Money } from '../../shared/money';
import { checkNumber } from '../../shared/numbers';
import { err, ok, type AppError, type ErrorCode, type Result } from '../../shared/result';
import type { Settings } from '../../shared/settings';
import type { Logger, PayOutcome, Provider, SubscriberNumber } from '../providers/provider';
import { productKey, type Journal, type Sale } from './journal';

/** What the engine needs of the provider registry. */
export type ProviderRouting = {
  /** Providers that sell this network and product, preferred first. */
  route(network: Network, kind: Product['kind']): Provider[];
  get(id: ProviderId): Provider | null;
  isTraining(): boolean;
};

export type SaleEngineDeps = {
  journal: Journal;
  routing: ProviderRouting;
  settings: () => Settings;
  now: () => number;
  log: Logger;
  onSaleUpdated: (view: SaleView) => void;
  onBalanceLow: (event: { provider: ProviderId; balance: Money; threshold: Money }) => void;
  /** A provider's agent balance was seen (after a sale or when asked). */
  onBalance?: (event: BalanceSeen) => void;
  /** When an unresolved sale is first checked (the reconciler's back-off for check 0). */
  firstCheckAt: () => number;
  /** The Al-Qimah webhook URL while the receiver runs, else null. */
  webhookUrl?: () => string | null;
  cashierId?: () => string | null;
  /** Sale ids the reconciler must leave alone while the engine is still sending them. */
  inFlight: Set<number>;
};

/** Errors of a login or connection that prove nothing was sent: the other provider may take the sale. */
const FALLBACK_CODES: ReadonlySet<ErrorCode> = new Set([
  'provider.not_configured',
  'provider.auth_failed',
  'provider.session_expired',
  'provider.unavailable',
  'provider.timeout',
  'provider.server_error',
  'provider.bad_response',
  'provider.forbidden',
]);

export function hashWebhookCode(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

type Resolved = { number: SubscriberNumber; networks: Network[] };

export function createSaleEngine(deps: SaleEngineDeps) {
  const { journal, routing, now, log } = deps;
  /** number|product → the running submit, so a second press waits for the first instead of paying. */
  const running = new Map<string, { txId: number; done: Promise<Result<SaleView>> }>();
  // Seeded from the journal, so the counter shows the balance last seen before a restart (with its age).
  const lastBalance = new Map<ProviderId, BalanceSeen>(journal.lastAgentBalances().map((b) => [b.provider, b]));

  function resolveNumber(typed: string, network: Network | undefined): Result<Resolved> {
    const check = checkNumber(typed);
    if (check.status === 'invalid') return err(check.code, 'invalid number', check.params);
    if (check.status === 'partial') return err('input.number_too_short', 'the number is not complete');
    const networks = check.networks;
    const chosen = network ?? (networks.length === 1 ? networks[0] : undefined);
    if (network !== undefined && !networks.includes(network)) {
      return err('input.invalid', `the number is not a ${network} number`, { detail: 'network' });
    }
    if (chosen === undefined) return ok({ number: { national: check.national, network: networks[0]! }, networks: networks });
    return ok({ number: { national: check.national, network: chosen }, networks });
  }

  function view(sale: Sale): SaleView {
    return journal.view(sale);
  }

  function publish(sale: Sale | null): void {
    if (sale) deps.onSaleUpdated(view(sale));
  }

  /**
   * Who may sell this, preferred first. An offer picked from one provider's list goes only to that
   * provider: the other would not know its code, so it is no fallback.
   */
  function sellers(network: Network, product: Product): Provider[] {
    const routed = routing.route(network, product.kind);
    return product.kind === 'offer' && product.provider ? routed.filter((p) => p.id === product.provider) : routed;
  }

  /**
   * The earlier sale a second one of the same number and product would repeat, once no sale of it is
   * in doubt (that one is asked first: it needs the stronger confirmation): one within the owner's
   * window, or one whose outcome is still open however old (even with the window off).
   */
  function duplicateOf(national: string, product: Product): Sale | null {
    const minutes = deps.settings().duplicateWindowMinutes;
    return journal.recent(national, product, minutes > 0 ? now() - minutes * 60_000 : Number.MAX_SAFE_INTEGER);
  }

  async function quote(request: { number: string; product: Product; network?: Network }): Promise<Result<SaleQuote>> {
    const resolved = resolveNumber(request.number, request.network);
    if (!resolved.ok) return resolved;
    const { number, networks } = resolved.value;
    const network = request.network ?? (networks.length === 1 ? number.network : null);
    const duplicate = journal.inDoubt(number.national, request.product) ?? duplicateOf(number.national, request.product);
    const base: SaleQuote = {
      national: number.national,
      networks,
      network,
      provider: null,
      price: null,
      note: null,
      duplicateOf: duplicate ? view(duplicate) : null,
      training: routing.isTraining(),
    };
    if (network === null) return ok(base);
    const provider = sellers(network, request.product)[0];
    if (!provider) return ok(base);
    const answer = await provider.quote(number, request.product).catch((cause: unknown) => {
      log.warn('quote threw', { provider: provider.id, error: cause instanceof Error ? cause : String(cause) });
      return err('internal', 'quote failed');
    });
    // Nothing or less is no price a cashier may confirm: a package saved before prices were
    // bounded, or a provider's odd answer, stops here instead of on an enabled Confirm.
    const quoted = answer.ok ? answer.value.price : undefined;
    if (quoted && quoted.minor <= 0) return err('input.invalid_price', `quoted price ${quoted.minor} is not above zero`, { ...SALE_AMOUNT_RIALS });
    return ok({
      ...base,
      provider: provider.id,
      price: answer.ok ? (answer.value.price ?? null) : null,
      note: answer.ok ? (answer.value.note ?? null) : answer.error.message,
    });
  }

  async function submit(request: SaleSubmitRequest): Promise<Result<SaleView>> {
    // Everything up to journal.create is synchronous: two presses cannot both pass the guards.
    const bySubmitKey = journal.bySubmitKey(request.submitKey);
    if (bySubmitKey) {
      const pending = running.get(runKey(bySubmitKey.number, bySubmitKey.product));
      if (pending && pending.txId === bySubmitKey.txId) return pending.done;
      return ok(view(journal.get(bySubmitKey.txId)!));
    }
    const resolved = resolveNumber(request.number, request.network);
    if (!resolved.ok) return resolved;
    const { number, networks } = resolved.value;
    if (request.network === undefined && networks.length > 1) {
      return err('input.invalid', `pick the service for this number: ${networks.join(' or ')}`, { detail: 'network' });
    }
    const key = runKey(number.national, request.product);
    const inFlight = running.get(key);
    if (inFlight) return inFlight.done;
    // The cashier must have been shown this very sale still in doubt: a general "yes, again" is not enough.
    const inDoubt = journal.inDoubt(number.national, request.product);
    if (inDoubt && request.confirmInDoubt !== String(inDoubt.txId)) {
      return err('sale.in_doubt_needs_confirm', 'the last sale of this number and product is still being checked', {
        id: String(inDoubt.txId),
        detail: inDoubt.state,
      });
    }
    const duplicate = inDoubt ? null : duplicateOf(number.national, request.product);
    if (duplicate && request.confirmDuplicate !== true) {
      return err('sale.duplicate_needs_confirm', 'the same number and product were sold a moment ago', {
        id: String(duplicate.txId),
      });
    }
    const candidates = sellers(number.network, request.product);
    const first = candidates[0];
    if (!first) return err('provider.unsupported', `no provider sells ${request.product.kind} on ${number.network}`);

    const webhookUrl = deps.webhookUrl?.() ?? null;
    const webhookCode = webhookUrl ? randomBytes(18).toString('base64url') : null;
    const sale = journal.create({
      counter: deps.settings().counterNumber,
      provider: first.id,
      network: number.network,
      number: number.national,
      product: request.product,
      ...(request.subscriberType ? { subscriberType: request.subscriberType } : {}),
      submitKey: request.submitKey,
      cashierId: deps.cashierId?.() ?? null,
      training: routing.isTraining(),
      ...(webhookCode ? { webhookCodeHash: hashWebhookCode(webhookCode) } : {}),
    });
    deps.inFlight.add(sale.txId);
    const done = send(sale, candidates, number, request, webhookUrl && webhookCode ? { url: webhookUrl, code: webhookCode } : null)
      .catch((cause: unknown): Result<SaleView> => {
        log.error('sale send threw', { txId: sale.txId, error: cause instanceof Error ? cause : String(cause) });
        const current = journal.get(sale.txId);
        return current ? ok(view(current)) : err('internal', 'internal error');
      })
      .finally(() => {
        running.delete(key);
        deps.inFlight.delete(sale.txId);
      });
    running.set(key, { txId: sale.txId, done });
    publish(sale);
    return done;
  }

  async function send(
    created: Sale,
    candidates: Provider[],
    number: SubscriberNumber,
    request: SaleSubmitRequest,
    webhook: { url: string; code: string } | null,
  ): Promise<Result<SaleView>> {
    let provider: Provider | undefined;
    let lastError: AppError | undefined;
    // A provider whose login fails has seen nothing of this sale: the next one may take it under
    // the same id. Once the payment request is on its way, there is no fallback.
    for (const candidate of candidates) {
      const login = await candidate.login().catch((cause: unknown) => err('provider.unavailable', String(cause)));
      if (login.ok) {
        provider = candidate;
        break;
      }
      lastError = login.error;
      log.warn('provider login failed before sending', { txId: created.txId, provider: candidate.id, code: login.error.code });
      if (!FALLBACK_CODES.has(login.error.code)) break;
    }
    if (!provider) {
      const failed = journal.move(created.txId, 'failed', {
        error: lastError ?? { code: 'provider.unavailable', message: 'no provider could be reached' },
        note: 'not sent: no provider could be reached',
      }, null);
      publish(failed);
      return ok(view(failed ?? journal.get(created.txId)!));
    }
    if (provider.id !== created.provider) journal.switchProvider(created.txId, provider.id);

    const sent = journal.move(created.txId, 'sent', { note: provider.id !== created.provider ? `fallback to ${provider.id}` : provider.id }, deps.firstCheckAt());
    if (!sent) return ok(view(journal.get(created.txId)!));
    publish(sent);

    let outcome: PayOutcome;
    try {
      outcome = await provider.pay({
        txId: String(created.txId),
        number,
        product: request.product,
        ...(webhook && provider.id === 'alqimah' ? { webhook } : {}),
        ...(request.subscriberType ? { subscriberType: request.subscriberType } : {}),
      });
    } catch (cause) {
      log.error('pay threw', { txId: created.txId, provider: provider.id, error: cause instanceof Error ? cause : String(cause) });
      outcome = { state: 'unknown', error: { code: 'internal', message: 'the payment call failed unexpectedly' } };
    }
    const after = journal.atomically(() => {
      journal.recordExchange(created.txId, 'pay', outcome.raw);
      return journal.move(
      created.txId,
      outcome.state,
      {
        ...(outcome.price ? { price: outcome.price } : {}),
        ...(outcome.providerRef ? { providerRef: outcome.providerRef } : {}),
        ...(outcome.message ? { message: outcome.message } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(outcome.agentBalance ? { agentBalance: outcome.agentBalance } : {}),
        note: outcome.error?.code ?? outcome.message ?? provider.id,
      },
      outcome.state === 'pending' || outcome.state === 'unknown' ? deps.firstCheckAt() : null,
      );
    });
    // null: a webhook or a status check got there first; the journal's row is the truth.
    const current = after ?? journal.get(created.txId)!;
    publish(after);
    if (outcome.agentBalance) noteBalance(provider.id, outcome.agentBalance);
    else if (outcome.state === 'succeeded' || outcome.state === 'pending') void refreshBalance(provider, created.txId);
    return ok(view(current));
  }

  async function refreshBalance(provider: Provider, txId: number): Promise<void> {
    try {
      const balance = await provider.agentBalance();
      if (!balance.ok) return;
      journal.recordAgentBalance(txId, balance.value);
      noteBalance(provider.id, balance.value);
    } catch {
      // A balance is information, not part of the sale.
    }
  }

  function noteBalance(provider: ProviderId, balance: Money): void {
    const threshold = deps.settings().lowBalanceThreshold;
    const previous = lastBalance.get(provider)?.balance.minor;
    const seen = { provider, balance, at: now() };
    lastBalance.set(provider, seen);
    deps.onBalance?.(seen);
    if (balance.minor < threshold && (previous === undefined || previous >= threshold)) {
      deps.onBalanceLow({ provider, balance, threshold: { minor: threshold, currency: balance.currency } });
    }
  }

  return {
    quote,
    submit,
    get(txId: number): Result<SaleView> {
      const sale = journal.get(txId);
      return sale ? ok(view(sale)) : err('sale.not_found', `no sale ${txId}`);
    },
    /** Each provider's last seen agent balance; `refresh` (or never seen) asks the provider first. */
    async balances(refresh: boolean): Promise<{ provider: ProviderId; seen: BalanceSeen | null; error: AppError | null }[]> {
      const providers = providerIds.map((id) => routing.get(id)).filter((p): p is Provider => p !== null);
      return Promise.all(
        providers.map(async (provider) => {
          if (!refresh && lastBalance.has(provider.id)) return { provider: provider.id, seen: lastBalance.get(provider.id)!, error: null };
          const asked = await provider.agentBalance().catch((cause: unknown) => err('provider.unavailable', String(cause)));
          if (asked.ok) noteBalance(provider.id, asked.value);
          return { provider: provider.id, seen: lastBalance.get(provider.id) ?? null, error: asked.ok ? null : asked.error };
        }),
      );
    },
    attention(): SaleView[] {
      return journal.unresolved().map(view);
    },
    /** Waits for every sale still being sent (for shutdown and tests). */
    async settle(): Promise<void> {
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}
export type SaleEngine = ReturnType<typeof createSaleEngine>;

function runKey(national: string, product: Product): string {
  return `${national}|${productKey(product)}`;
}
