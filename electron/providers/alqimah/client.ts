// The Al-Qimah client behind the `Provider` interface (docs/architecture.md, "Providers", docs/providers-alqimah.md).
// Readings of what the document leaves open (docs/providers-alqimah.md has the full list):
// - A rejected session is `{status:false}` whose message names the token (or HTTP 401): the client
//   logs in again once and retries a query once with a fresh TransactionID. A payment is never
//   re-sent: a token rejection on payment is `failed` + provider.session_expired (the provider
//   checks the token before it processes anything, so nothing was charged), and the session is
//   renewed before token_expires (the shared transport's RENEW_BEFORE_MS) so a payment rarely meets
//   an expired token.
// - A payment answer we cannot read (time-out, connection lost after it was made, 5xx, bad JSON, an
//   id that is not ours, "duplicate TransactionID") is `unknown`: only the status call (0/2) can
//   settle it. A connection never made is `failed`: nothing reached Al-Qimah.
// The exchange itself, the session keeping and the secret-cutting are ../transport.ts.
import type { CatalogueItem, Network, Offer, Product, SubscriberInfo, SubscriberQueryKind } from '../../../shared/domain';
import { money, moneyFromDecimal, parseDecimalToMinor, type Money } from '../../../shared/money';
import { SALE_AMOUNT_RIALS } from '../../../shared/bounds';
import { err, ok, type AppError, type ErrorCode, type Result } from '../../../shared/result';
import type { Package } from '../../../shared/settings';
import { createSession, createTransport } from '../transport';
import type { PayOutcome, PayRequest, Provider, ProviderDeps, Quote, RawExchange, StatusOutcome, StatusRequest, SubscriberNumber } from '../provider';
import { defaultAlqimahServiceMap, type AlqimahServiceMap } from './service-map';
import { loginToken, type AlqimahCredentials } from './token';
import {
  adslBalanceResponseSchema,
  agentBalanceResponseSchema,
  categoriesResponseSchema,
  errorResponseSchema,
  feedResponseSchema,
  landlineBalanceResponseSchema,
  loginResponseSchema,
  operationStatusResponseSchema,
  parseYemenTime,
  paymentResponseSchema,
  yemen4gBalanceResponseSchema,
  yemenMobileBalanceResponseSchema,
  yemenMobileLoanResponseSchema,
  yemenMobileOffersResponseSchema,
  type Category,
  type PaymentRequest,
} from './wire';
import type { z } from 'zod';

const RAW_LOG_LIMIT = 2000;

export const TOKEN_REJECTED = /token|توكن|رمز الوصول|الجلسة|unauthori[sz]ed|session/i;
const MESSAGE_CODES: [RegExp, ErrorCode][] = [
  [/غير كا[فٍ]|لا يكفي|insufficient|not enough balance/i, 'provider.insufficient_balance'],
  [/مكرر|مستخدم مسبق|duplicate|already (used|exists)/i, 'provider.duplicate_transaction'],
  [/العرض|الباقة|offer/i, 'provider.invalid_offer'],
  [/المبلغ|amount/i, 'provider.invalid_amount'],
  [/غير موجود|لا توجد|not found|does not exist/i, 'provider.not_found'],
  [/مشغول|لاحقا|لاحقاً|busy|try again/i, 'provider.busy'],
  [/الحقول|الكمية|fields|quantity|parameter/i, 'provider.invalid_parameters'],
  [/الخدمة|الشبكة|service|network/i, 'provider.unsupported'],
];

const NOT_FOUND = /غير موجود|غير موجودة|لا توجد|not found|does not exist|no such/i;
const ABOUT_THE_TRANSACTION = /عملية|معاملة|حركة|transaction|operation/i;
/** Words that put the "not found" on something else: a service, an agent account, a network, a number. */
const ABOUT_SOMETHING_ELSE = /خدمة|الخدمة|وكيل|الوكيل|حساب|الحساب|شبكة|الشبكة|مستخدم|المستخدم|الباقة|العرض|الفئة|service|agent|account|network|mobile|user|offer|category|token/i;

/**
 * Whether a refused status check says, unmistakably, that the provider has no transaction with our
 * id: only that proves nothing was charged. "Service number not found" or "Agent account does not
 * exist" are refusals of the check itself and prove nothing about the sale.
 */
export function isTransactionNotFound(message: string): boolean {
  return NOT_FOUND.test(message) && ABOUT_THE_TRANSACTION.test(message) && !ABOUT_SOMETHING_ELSE.test(message);
}

/** A `{status:false}` message to a stable code; anything unrecognised is provider.rejected. */
export function codeForMessage(message: string): ErrorCode {
  for (const [pattern, code] of MESSAGE_CODES) if (pattern.test(message)) return code;
  return 'provider.rejected';
}

export type FeedVoucher = { date: string; amountText: string; amount?: Money; currency: string; notes: string };

/** An exchange as this client reads it: the shared transport's, with the answer sorted by what it holds. */
type Exchange =
  | { kind: 'json'; status: number; body: string; json: unknown }
  | { kind: 'unreadable'; status: number; body: string }
  | { kind: 'http_error'; status: number; body: string }
  | { kind: 'timeout' }
  /** Nothing reached Al-Qimah (no connection made): a payment was not sent. */
  | { kind: 'unreached'; message: string }
  /** The connection was lost after it was made: a payment may have been received. */
  | { kind: 'network'; message: string };

type Session = { accessToken: string; expiresAt: number };

function currencyOf(text: string): 'YER' | 'USD' | null {
  if (/ريال|YER|rial/i.test(text)) return 'YER';
  if (/دولار|USD|dollar|\$/i.test(text)) return 'USD';
  return null;
}

const asText = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The provider may echo our id as a number (1234) or text ("1234"); compare the digits, not the type. */
function isSameId(echoed: string | number, ours: string): boolean {
  const text = String(echoed).trim();
  return text === ours || (/^\d+$/.test(text) && /^\d+$/.test(ours) && text.replace(/^0+(?=\d)/, '') === ours.replace(/^0+(?=\d)/, ''));
}

export type AlqimahDeps = ProviderDeps & {
  /** The owner's network/service map, read at each use so an edit applies to the next sale. */
  serviceMap?: () => AlqimahServiceMap;
  /** The packages the owner sells on a network: Al-Qimah has no list of sellable offers. */
  packages?: (network: Network) => readonly Package[];
  /** A fresh, never reused TransactionID for each query; inject the journal's id source so queries and sales share one space. */
  nextQueryId?: () => string;
};

export function createAlqimahProvider(deps: AlqimahDeps) {
  const currentMap = deps.serviceMap ?? (() => defaultAlqimahServiceMap);
  const packages = deps.packages ?? (() => []);
  let querySeq = 0;
  const nextQueryId = deps.nextQueryId ?? (() => String(deps.now() * 1000 + (querySeq++ % 1000)));
  const transport = createTransport({ name: 'alqimah', baseUrl: deps.baseUrl, timeoutMs: deps.timeoutMs, now: deps.now, log: deps.log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const sessions = createSession<Session>({ now: deps.now, login: doLogin });
  /** Values cut from any text we pass on, whatever the provider echoes back. */
  const { secrets, redact: scrub } = transport;

  async function post(path: '/' | '/login', body: unknown, accessToken?: string): Promise<Exchange> {
    const ex = await transport.post(path, body, accessToken ? { 'api-token': accessToken } : {});
    if (ex.kind === 'timeout') return ex;
    if (ex.kind === 'unreached') return ex;
    if (ex.kind === 'dropped') return { kind: 'network', message: ex.message };
    const { status, text } = ex;
    if (status >= 500 || (status >= 300 && status !== 401 && status !== 403)) return { kind: 'http_error', status, body: text };
    try {
      return { kind: 'json', status, body: text, json: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'unreadable', status, body: text };
    }
  }

  function readCredentials(values: Record<string, string> | null): AlqimahCredentials | null {
    if (!values) return null;
    const c = { userName: values.userName ?? '', password: values.password ?? '', accountNumber: values.accountNumber ?? '', apiToken: values.apiToken ?? '' };
    return c.userName && c.password && c.accountNumber && c.apiToken ? c : null;
  }

  /** Transport failures and unreadable answers as errors; never carries a request or a token. */
  function transportError(ex: Exclude<Exchange, { kind: 'json' }>, what: string): AppError {
    switch (ex.kind) {
      case 'timeout':
        return { code: 'provider.timeout', message: `Al-Qimah did not answer ${what} within ${deps.timeoutMs} ms` };
      case 'unreached':
      case 'network':
        return { code: 'provider.unavailable', message: `Al-Qimah could not be reached for ${what}: ${scrub(ex.message)}` };
      case 'http_error':
        return { code: ex.status >= 500 ? 'provider.server_error' : 'provider.bad_response', message: `Al-Qimah answered ${what} with HTTP ${ex.status}` };
      case 'unreadable':
        return { code: 'provider.bad_response', message: `Al-Qimah answered ${what} with a body that is not JSON` };
    }
  }

  function rawOf(ex: Exchange): RawExchange | undefined {
    return 'body' in ex ? transport.raw({ status: ex.status, text: ex.body }) : undefined;
  }

  function logBadResponse(what: string, ex: Exchange, issue?: string) {
    deps.log.warn('alqimah: unreadable answer', { what, httpStatus: 'status' in ex ? ex.status : undefined, issue, raw: 'body' in ex ? scrub(ex.body.slice(0, RAW_LOG_LIMIT)) : undefined });
  }

  async function doLogin(): Promise<Result<Session>> {
    const credentials = readCredentials(await deps.credentials());
    if (!credentials) return err('provider.not_configured', 'Al-Qimah account is not set (user name, password, account number and API token)');
    const token = loginToken(credentials);
    for (const s of [credentials.password, credentials.apiToken, token]) secrets.add(s);
    const ex = await post('/login', { AccountNumber: credentials.accountNumber, UserName: credentials.userName, Token: token });
    // The login answer carries the access token: its raw body is never logged or kept.
    if (ex.kind !== 'json') {
      const e = transportError(ex, 'login');
      deps.log.warn('alqimah: login failed', { code: e.code, httpStatus: 'status' in ex ? ex.status : undefined });
      return err(e.code, e.message);
    }
    const failure = errorResponseSchema.safeParse(ex.json);
    if (failure.success) {
      const message = scrub(failure.data.message);
      deps.log.warn('alqimah: login rejected', { code: 'provider.auth_failed', providerMessage: message });
      return err('provider.auth_failed', message || 'Al-Qimah rejected the login');
    }
    const parsed = loginResponseSchema.safeParse(ex.json);
    const expiresAt = parsed.success ? parseYemenTime(parsed.data.token_expires) : null;
    if (!parsed.success || expiresAt === null) {
      deps.log.warn('alqimah: login answer not understood', { code: 'provider.bad_response' });
      return err('provider.bad_response', 'Al-Qimah login answer was not understood');
    }
    secrets.add(parsed.data.access_token);
    deps.log.info('alqimah: logged in', { expiresAt: new Date(expiresAt).toISOString() });
    return ok({ accessToken: parsed.data.access_token, expiresAt });
  }

  const ensureSession = () => sessions.ensure();

  function isTokenRejection(ex: Exchange): boolean {
    if ('status' in ex && (ex.status === 401 || ex.status === 403)) return true;
    if (ex.kind !== 'json') return false;
    const f = errorResponseSchema.safeParse(ex.json);
    return f.success && TOKEN_REJECTED.test(f.data.message);
  }

  /** A non-payment call: one re-login and one retry (with a freshly built body) on a token rejection. */
  async function callSafe(build: () => Record<string, unknown>): Promise<Result<Exchange>> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const s = await ensureSession();
      if (!s.ok) return s;
      const ex = await post('/', build(), s.value.accessToken);
      if (!isTokenRejection(ex) || attempt === 1) return ok(ex);
      deps.log.info('alqimah: session rejected, logging in again');
      sessions.drop(s.value);
    }
    return err('internal', 'unreachable');
  }

  /** Reads a success body with its schema, or the error the answer stands for. */
  function read<S extends z.ZodType>(ex: Exchange, schema: S, what: string): Result<z.infer<S>> {
    if (ex.kind !== 'json') {
      if (ex.kind === 'unreadable' || ex.kind === 'http_error') logBadResponse(what, ex);
      const e = transportError(ex, what);
      return err(e.code, e.message);
    }
    const failure = errorResponseSchema.safeParse(ex.json);
    if (failure.success) {
      const code = isTokenRejection(ex) ? 'provider.session_expired' : codeForMessage(failure.data.message);
      return err(code, scrub(failure.data.message) || `Al-Qimah rejected ${what}`);
    }
    const parsed = schema.safeParse(ex.json);
    if (!parsed.success) {
      logBadResponse(what, ex, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return err('provider.bad_response', `Al-Qimah answered ${what} in a form not understood`);
    }
    return ok(parsed.data);
  }

  async function global<S extends z.ZodType>(service: number, schema: S, what: string, extra: Record<string, unknown> = {}): Promise<Result<z.infer<S>>> {
    const ex = await callSafe(() => ({ NetworkNumber: currentMap().global.networkNumber, ServiceNumber: service, ...extra }));
    return ex.ok ? read(ex.value, schema, what) : ex;
  }

  /** The number as Al-Qimah wants it: national digits, with the trunk 0 for landline and ADSL (0XXXXXXX). */
  function wireNumber(n: SubscriberNumber): string {
    return n.network === 'landline' || n.network === 'adsl' ? `0${n.national}` : n.national;
  }

  function yer(v: unknown): Money | undefined {
    return moneyFromDecimal(v, 'YER') ?? undefined;
  }

  async function agentBalance(): Promise<Result<Money>> {
    const r = await global(currentMap().global.balance, agentBalanceResponseSchema, 'the agent balance');
    if (!r.ok) return r;
    const m = yer(r.value.agentBalance);
    return m ? ok(m) : err('provider.bad_response', 'agent balance is not a number');
  }

  async function feedVouchers(): Promise<Result<FeedVoucher[]>> {
    const r = await global(currentMap().global.feed, feedResponseSchema, 'the feed vouchers');
    if (!r.ok) return r;
    return ok(
      r.value.data.map((v) => {
        const currency = currencyOf(v.Currency);
        const amount = currency ? moneyFromDecimal(v.Amount, currency) : null;
        return { date: v.Date, amountText: String(v.Amount).trim(), ...(amount ? { amount } : {}), currency: v.Currency, notes: v.Notes ?? '' };
      }),
    );
  }

  async function categories(): Promise<Result<Category[]>> {
    const r = await global(currentMap().global.categories, categoriesResponseSchema, 'the game categories');
    return r.ok ? ok(r.value.data) : r;
  }

  function toCatalogueItem(c: Category): CatalogueItem | null {
    const price = moneyFromDecimal(c.Price, currencyOf(c.CurrencyName ?? '') ?? 'USD');
    const localPrice = moneyFromDecimal(c.LocalPrice, currencyOf(c.LocalCurrencyName ?? '') ?? 'YER');
    if (!price || !localPrice) return null;
    return {
      linkCode: c.LinkCode,
      service: c.ServiceName,
      name: c.CategoryName,
      ...(c.GameUnitsCount !== undefined ? { units: c.GameUnitsCount } : {}),
      price,
      localPrice,
      allowFreeQuantity: c.AllowFreeQuantity,
      minQuantity: c.MinQuantity,
      maxQuantity: c.MaxQuantity,
      requiredFields: c.RequiredFields.map((f) => ({ code: f.FieldCode, name: f.FieldName })),
    };
  }

  async function catalogue(): Promise<Result<CatalogueItem[]>> {
    const r = await categories();
    if (!r.ok) return r;
    return ok(r.value.map(toCatalogueItem).filter((i): i is CatalogueItem => i !== null));
  }

  function queryService(network: Network, kind: SubscriberQueryKind): number | undefined {
    const s = currentMap().networks[network]?.services;
    if (!s) return undefined;
    return kind === 'balance' ? s.balance : kind === 'loan' ? s.loan : s.offersQuery;
  }

  function balanceLine(v: unknown) {
    const text = asText(v).trim();
    const amount = yer(typeof v === 'string' ? v.trim() : v);
    return { text, ...(amount ? { amount } : {}) };
  }

  function lines(fields: Record<string, unknown>): SubscriberInfo['lines'] {
    // Labels are the wire field names: the renderer translates them; empty values are left out.
    return Object.entries(fields)
      .filter(([, v]) => v !== undefined && v !== null && asText(v) !== '')
      .map(([label, v]) => ({ label, value: asText(v) }));
  }

  function toSubscriberInfo(network: Network, kind: SubscriberQueryKind, ex: Exchange): Result<SubscriberInfo> {
    const what = `the ${network} ${kind} query`;
    if (kind === 'loan') {
      const r = read(ex, yemenMobileLoanResponseSchema, what);
      return r.ok ? ok({ kind, lines: lines({ loanStatusString: r.value.loanStatusString }), loan: { hasLoan: r.value.loanStatus, text: r.value.loanStatusString } }) : r;
    }
    if (kind === 'offers') {
      const r = read(ex, yemenMobileOffersResponseSchema, what);
      if (!r.ok) return r;
      const offers = r.value.data.map((o) => ({ id: o.offerID, name: o.offerName, ...(o.offerStartDate ? { start: o.offerStartDate } : {}), ...(o.offerEndDate ? { end: o.offerEndDate } : {}) }));
      return ok({ kind, lines: [], offers });
    }
    if (network === 'yemen_mobile') {
      const r = read(ex, yemenMobileBalanceResponseSchema, what);
      if (!r.ok) return r;
      const v = r.value;
      return ok({ kind, balance: balanceLine(v.mobileBalance), lines: lines({ mobileBalance: v.mobileBalance, availableCredit: v.availableCredit, mobileType: v.mobileType, mobileTypeName: v.mobileTypeName }) });
    }
    if (network === 'adsl') {
      const r = read(ex, adslBalanceResponseSchema, what);
      if (!r.ok) return r;
      const v = r.value;
      return ok({ kind, balance: balanceLine(v.mobileBalance), lines: lines({ mobileBalance: v.mobileBalance, expiredDate: v.expiredDate, offerAmount: v.offerAmount, minAmount: v.minAmount }) });
    }
    if (network === 'yemen_4g') {
      const r = read(ex, yemen4gBalanceResponseSchema, what);
      if (!r.ok) return r;
      const v = r.value;
      return ok({ kind, balance: balanceLine(v.mobileBalance), lines: lines({ mobileBalance: v.mobileBalance, expiredDate: v.expiredDate, offerAmount: v.offerAmount, offerSize: v.offerSize, callBalance: v.callBalance }) });
    }
    // Landline, and any balance service the owner maps for another network: mobileBalance only.
    const r = read(ex, landlineBalanceResponseSchema, what);
    return r.ok ? ok({ kind, balance: balanceLine(r.value.mobileBalance), lines: lines({ mobileBalance: r.value.mobileBalance }) }) : r;
  }

  async function query(number: SubscriberNumber, kind: SubscriberQueryKind): Promise<Result<SubscriberInfo>> {
    const entry = currentMap().networks[number.network];
    const service = queryService(number.network, kind);
    if (!entry || service === undefined) return err('provider.unsupported', `Al-Qimah has no ${kind} query for ${number.network}`);
    const ex = await callSafe(() => ({ NetworkNumber: entry.networkNumber, ServiceNumber: service, MobileNumber: wireNumber(number), TransactionID: nextQueryId() }));
    return ex.ok ? toSubscriberInfo(number.network, kind, ex.value) : ex;
  }

  function supports(network: Network, what: Product['kind'] | SubscriberQueryKind): boolean {
    if (what === 'game') return true;
    const entry = currentMap().networks[network];
    if (!entry) return false;
    switch (what) {
      case 'balance':
      case 'loan':
      case 'offers':
        return queryService(network, what) !== undefined;
      case 'amount':
        return entry.pricing === 'amount' && entry.services.topUp !== undefined;
      case 'units':
        return entry.pricing === 'units' && entry.services.topUp !== undefined;
      case 'offer':
        return entry.services.offerPayment !== undefined;
    }
  }

  async function offers(number: SubscriberNumber): Promise<Result<Offer[]>> {
    const entry = currentMap().networks[number.network];
    if (!entry || entry.services.offerPayment === undefined) return ok([]);
    return ok(packages(number.network).map((p) => ({ code: p.code, name: p.name, ...(p.price ? { price: p.price } : {}) })));
  }

  async function quote(number: SubscriberNumber, product: Product): Promise<Result<Quote>> {
    const entry = currentMap().networks[number.network];
    switch (product.kind) {
      case 'amount':
        if (entry?.pricing !== 'amount') return err('provider.unsupported', `${number.network} is topped up by units, not by amount`);
        return ok({ price: product.amount });
      case 'units': {
        const unit = parseDecimalToMinor(entry?.unitPrice ?? '');
        if (!entry || entry.pricing !== 'units' || unit === null) return err('provider.unsupported', `no unit price for ${number.network}`);
        return ok({ price: money(product.units * unit, 'YER'), note: `${product.units} × ${entry.unitPrice}` });
      }
      case 'offer': {
        const price = packages(number.network).find((p) => p.code === product.code)?.price;
        return ok(price ? { price } : { note: 'price set by Al-Qimah at payment' });
      }
      case 'game': {
        const r = await catalogue();
        if (!r.ok) return r;
        const item = r.value.find((i) => i.linkCode === product.linkCode);
        if (!item) return err('provider.not_found', `no game category ${product.linkCode}`);
        return ok({ price: money(item.localPrice.minor * product.quantity, item.localPrice.currency) });
      }
    }
  }

  /** The payment body, or why it cannot be sent. Nothing here touches the network. */
  function paymentBody(request: PayRequest): Result<PaymentRequest> {
    const { product, number } = request;
    const hook = request.webhook ? { WebHookURL: request.webhook.url, WebHookCode: request.webhook.code } : {};
    const common = { MobileNumber: wireNumber(number), TransactionID: request.txId, ...hook };
    const map = currentMap();
    if (product.kind === 'game') {
      return ok({ NetworkNumber: map.games.networkNumber, ServiceNumber: map.games.serviceNumber, ...common, LinkCode: product.linkCode, Fields: JSON.stringify(product.fields), Quantity: product.quantity });
    }
    const entry = map.networks[number.network];
    if (!entry) return err('provider.unsupported', `Al-Qimah has no service for ${number.network}`);
    if (product.kind === 'offer') {
      if (entry.services.offerPayment === undefined) return err('provider.unsupported', `no offer payment for ${number.network}`);
      return ok({ NetworkNumber: entry.networkNumber, ServiceNumber: entry.services.offerPayment, ...common, OfferCode: product.code });
    }
    if (entry.services.topUp === undefined || entry.pricing !== product.kind) return err('provider.unsupported', `no ${product.kind} top-up for ${number.network}`);
    if (product.kind === 'units') return ok({ NetworkNumber: entry.networkNumber, ServiceNumber: entry.services.topUp, ...common, Amount: product.units });
    if (product.amount.currency !== 'YER' || product.amount.minor <= 0) return err('input.invalid_amount', 'top-up amount must be a positive YER amount', { ...SALE_AMOUNT_RIALS });
    return ok({ NetworkNumber: entry.networkNumber, ServiceNumber: entry.services.topUp, ...common, Amount: product.amount.minor / 100 });
  }

  async function pay(request: PayRequest): Promise<PayOutcome> {
    const body = paymentBody(request);
    if (!body.ok) return { state: 'failed', error: body.error };
    // Renewing here (not after a rejection) is what lets a payment go out exactly once.
    const s = await ensureSession();
    if (!s.ok) return { state: 'failed', error: s.error };
    const ex = await post('/', body.value, s.value.accessToken);
    const raw = rawOf(ex);
    // No connection was made: nothing reached Al-Qimah, so nothing can have been charged.
    if (ex.kind === 'unreached') return { state: 'failed', error: transportError(ex, 'the payment') };
    if (ex.kind !== 'json') {
      if (ex.kind === 'unreadable' || ex.kind === 'http_error') logBadResponse('a payment', ex);
      return { state: 'unknown', error: transportError(ex, 'the payment'), ...(raw ? { raw } : {}) };
    }
    const failure = errorResponseSchema.safeParse(ex.json);
    if (failure.success) {
      const message = scrub(failure.data.message);
      if (isTokenRejection(ex)) {
        sessions.drop(s.value);
        return { state: 'failed', message, error: { code: 'provider.session_expired', message: message || 'session expired' }, raw: raw! };
      }
      const code = codeForMessage(message);
      // "Duplicate id": this id was sent before, so its fate is whatever the status call says.
      if (code === 'provider.duplicate_transaction') return { state: 'unknown', message, error: { code, message }, raw: raw! };
      return { state: 'failed', message, error: { code, message: message || 'Al-Qimah rejected the payment' }, raw: raw! };
    }
    const parsed = paymentResponseSchema.safeParse(ex.json);
    if (!parsed.success) {
      logBadResponse('a payment', ex, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return { state: 'unknown', error: { code: 'provider.bad_response', message: 'Al-Qimah answered the payment in a form not understood' }, raw: raw! };
    }
    const v = parsed.data;
    if (v.transactionID !== undefined && !isSameId(v.transactionID, request.txId)) {
      return { state: 'unknown', error: { code: 'provider.bad_response', message: `answer names transaction ${String(v.transactionID)}, not ours` }, raw: raw! };
    }
    const state = v.operationStatus === 1 ? 'succeeded' : v.operationStatus === 0 ? 'failed' : 'pending';
    const price = yer(v.price);
    const agent = yer(v.agentBalance);
    return {
      state,
      ...(v.referenceID !== undefined ? { providerRef: String(v.referenceID) } : {}),
      ...(price ? { price } : {}),
      ...(agent ? { agentBalance: agent } : {}),
      ...(v.message ? { message: scrub(v.message) } : {}),
      ...(state === 'failed' ? { error: { code: codeForMessage(v.message ?? ''), message: scrub(v.message ?? '') || 'failed' } } : {}),
      raw: raw!,
    };
  }

  async function status(request: StatusRequest): Promise<StatusOutcome> {
    const globalServices = currentMap().global;
    const r = await callSafe(() => ({ NetworkNumber: globalServices.networkNumber, ServiceNumber: globalServices.status, TransactionID: request.txId }));
    if (!r.ok) return { state: 'unknown', error: r.error };
    const ex = r.value;
    const raw = rawOf(ex);
    if (ex.kind !== 'json') {
      if (ex.kind === 'unreadable' || ex.kind === 'http_error') logBadResponse('a status check', ex);
      return { state: 'unknown', error: transportError(ex, 'the status check'), ...(raw ? { raw } : {}) };
    }
    const failure = errorResponseSchema.safeParse(ex.json);
    if (failure.success) {
      const message = scrub(failure.data.message);
      const code = isTokenRejection(ex) ? 'provider.session_expired' : codeForMessage(message);
      // Only an answer that says "no such transaction" proves nothing was charged; any other refusal leaves it unknown.
      if (code !== 'provider.session_expired' && isTransactionNotFound(message)) return { state: 'not_found', message, raw: raw! };
      return { state: 'unknown', message, error: { code, message: message || 'status refused' }, raw: raw! };
    }
    const parsed = operationStatusResponseSchema.safeParse(ex.json);
    if (!parsed.success) {
      logBadResponse('a status check', ex);
      return { state: 'unknown', error: { code: 'provider.bad_response', message: 'Al-Qimah answered the status check in a form not understood' }, raw: raw! };
    }
    const v = parsed.data;
    if (v.transactionID !== undefined && !isSameId(v.transactionID, request.txId)) {
      return { state: 'unknown', error: { code: 'provider.bad_response', message: `answer names transaction ${String(v.transactionID)}, not ours` }, raw: raw! };
    }
    const state = v.operationStatus === 1 ? 'succeeded' : v.operationStatus === 0 ? 'failed' : 'pending';
    const price = yer(v.price);
    return {
      state,
      ...(v.referenceID !== undefined ? { providerRef: String(v.referenceID) } : {}),
      ...(price ? { price } : {}),
      ...(v.message ? { message: scrub(v.message) } : {}),
      ...(state === 'failed' ? { error: { code: 'provider.rejected' as const, message: scrub(v.message ?? '') || 'failed' } } : {}),
      raw: raw!,
    };
  }

  const provider = {
    id: 'alqimah' as const,
    async login(): Promise<Result<{ expiresAt: number }>> {
      const s = await ensureSession();
      return s.ok ? ok({ expiresAt: s.value.expiresAt }) : s;
    },
    async logout(): Promise<Result<void>> {
      // The document has no logout call: forgetting the token is all there is.
      sessions.take();
      return ok(undefined);
    },
    agentBalance,
    supports,
    query,
    offers,
    catalogue,
    quote,
    pay,
    status,
    feedVouchers,
    categories,
  } satisfies Provider & Record<string, unknown>;
  return provider;
}
export type AlqimahProvider = ReturnType<typeof createAlqimahProvider>;
