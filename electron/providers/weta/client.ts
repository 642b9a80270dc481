// The Weta client behind the Provider interface (docs/providers-weta.md): Weta's wire only. The exchange,
// time-out, reached/not-reached, session reuse and renewal and secret-cutting are the shared
// transport's (../transport.ts); here a session is the JWT bearer with its exp_date. Non-payment
// calls log in again once on a 401 and retry once; a payment is sent at most once and anything
// unclear after sending comes back as `unknown` for the status call to settle.
import type { Network, Offer, Product, SubscriberInfo, SubscriberQueryKind, SubscriberType } from '../../../shared/domain';
import { moneyFromDecimal, type Money } from '../../../shared/money';
import { checkFinalNumber, isMobileNetwork, wetaNumber } from '../../../shared/numbers';
import { err, ok, type AppError, type ErrorCode, type Result } from '../../../shared/result';
import type {
  PayOutcome,
  PayRequest,
  Provider,
  ProviderDeps,
  Quote,
  RawExchange,
  StatusOutcome,
  StatusRequest,
  SubscriberNumber,
} from '../provider';
import { createSession, createTransport, RAW_LIMIT, type Exchange } from '../transport';
import { apiErrorToCode, httpStatusToCode, isDocumentedFailure, isRefusalBeforeCharge } from './error-codes';
import {
  adslLineResponseSchema,
  agentBalanceResponseSchema,
  appliedPackagesResponseSchema,
  billResponseSchema,
  envelopeSchema,
  envelopeText,
  isApiErrorCode,
  loginResponseSchema,
  mobileBalanceResponseSchema,
  offersResponseSchema,
  registerResponseSchema,
  solfaResponseSchema,
  statusResponseSchema,
  type BillRequest,
  type Envelope,
  type RegisterRequest,
  type RegisteredUser,
  type WetaOffer,
} from './wire';

export type WetaOptions = {
  /** Renew the token this long before its exp_date, so a payment never meets an expired one. */
  renewBeforeMs?: number;
};

export type WetaProvider = Provider & {
  register(input: RegisterRequest): Promise<Result<RegisteredUser>>;
  /** Changes the account password; the caller must store the new one as the credential. */
  resetPassword(newPassword: string): Promise<Result<void>>;
  appliedPackages(number: SubscriberNumber): Promise<Result<SubscriberInfo>>;
  mobileBalance(number: SubscriberNumber, type: SubscriberType): Promise<Result<SubscriberInfo>>;
  lineBalance(number: SubscriberNumber): Promise<Result<SubscriberInfo>>;
  loan(number: SubscriberNumber): Promise<Result<SubscriberInfo>>;
};

type Session = { token: string; expiresAt: number };

export function createWetaProvider(deps: ProviderDeps, options: WetaOptions = {}): WetaProvider {
  const transport = createTransport({ name: 'weta', baseUrl: deps.baseUrl, timeoutMs: deps.timeoutMs, now: deps.now, log: deps.log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const { secrets, redact: scrub } = transport;
  const sessions = createSession<Session>({ now: deps.now, login: freshSession, ...(options.renewBeforeMs !== undefined ? { renewBeforeMs: options.renewBeforeMs } : {}) });

  function fail(code: ErrorCode, message: string, params?: AppError['params']): Result<never> {
    return err(code, scrub(message), params);
  }

  function send(path: string, body: unknown, token?: string): Promise<Exchange> {
    return transport.post(path, body, token ? { Authorization: `Bearer ${token}` } : {});
  }

  const rawOf = transport.raw;

  /** The status a body means: an error written only into `status_code` of a 200 counts as that error. */
  function effectiveStatus(httpStatus: number, envelope: Envelope | null): number {
    const inBody = envelope?.status_code;
    if (httpStatus >= 200 && httpStatus < 300 && typeof inBody === 'number' && inBody >= 400 && inBody < 600) return inBody;
    return httpStatus;
  }

  /** Reads a non-payment answer: an error value, or the parsed body. */
  function interpret<T>(ex: Exchange, path: string, parse: (json: unknown) => T | null): Result<T> {
    if (ex.kind === 'timeout') return fail('provider.timeout', `Weta ${path}: no answer within ${deps.timeoutMs} ms`);
    if (ex.kind !== 'answer') return fail('provider.unavailable', `Weta ${path}: ${ex.message}`);
    const json = parseJson(ex.text);
    const envelope = json === undefined ? null : (envelopeSchema.safeParse(json).data ?? null);
    const raw = rawOf(ex);
    if (envelope && isApiErrorCode(envelope.status_code)) {
      return fail(apiErrorToCode[envelope.status_code], `Weta ${path}: ${envelope.status_code} ${envelopeText(envelope)}`);
    }
    const status = effectiveStatus(ex.status, envelope);
    if (status < 200 || status >= 300) {
      const text = envelope ? envelopeText(envelope) : '';
      const params: AppError['params'] = envelope?.status_code === undefined ? { status } : { status, envelope: envelope.status_code };
      return fail(httpStatusToCode(status), `Weta ${path}: HTTP ${status} ${text}`.trim(), params);
    }
    const value = json === undefined ? null : parse(json);
    if (value === null) return fail('provider.bad_response', `Weta ${path}: unreadable answer`, { status: raw.status ?? 0, raw: raw.body });
    return ok(value);
  }

  async function freshSession(): Promise<Result<Session>> {
    const credentials = await deps.credentials();
    const username = credentials?.username;
    const password = credentials?.password;
    if (!username || !password) return err('provider.not_configured', 'Weta account is not set up');
    secrets.add(password);
    const ex = await send('/login', { username, password });
    if (ex.kind === 'answer' && (ex.status === 401 || ex.status === 422)) {
      return fail('provider.auth_failed', `Weta login refused (HTTP ${ex.status})`);
    }
    // The login answer carries the token: never keep its raw body in an error.
    const result = interpret(ex, '/login', (json) => loginResponseSchema.safeParse(json).data ?? null);
    if (!result.ok) {
      return result.error.code === 'provider.bad_response' ? err('provider.bad_response', 'Weta /login: unreadable answer') : result;
    }
    secrets.add(result.value.token);
    return ok({ token: result.value.token, expiresAt: result.value.exp_date * 1000 });
  }

  const ensureSession = (force = false) => sessions.ensure(force);

  /** A non-payment call with the bearer token: on a 401, one fresh login and one retry. */
  async function authed<T>(path: string, body: unknown, parse: (json: unknown) => T | null): Promise<Result<T>> {
    const first = await ensureSession();
    if (!first.ok) return first;
    let ex = await send(path, body, first.value.token);
    if (ex.kind === 'answer' && ex.status === 401) {
      sessions.drop(first.value);
      const second = await ensureSession(true);
      if (!second.ok) return second;
      ex = await send(path, body, second.value.token);
    }
    return interpret(ex, path, parse);
  }

  function wetaMobile(number: SubscriberNumber): Result<string> {
    const digits = wetaNumber(number.national);
    const expected = isMobileNetwork(number.network) ? 12 : number.network === 'landline' || number.network === 'adsl' ? 10 : 0;
    if (expected === 0) return err('provider.unsupported', `Weta does not serve ${number.network}`);
    if (!/^\d+$/.test(digits) || digits.length !== expected) {
      return err('input.invalid_number', `Weta needs ${expected} digits for ${number.network}`);
    }
    return ok(digits);
  }

  /** The agent's own mobile for /register, as the document writes it: 967 + a mobile's 9 digits. */
  function agentMobile(typed: string): Result<string> {
    const check = checkFinalNumber(typed);
    const network = check.status === 'valid' ? check.networks.find(isMobileNetwork) : undefined;
    if (check.status !== 'valid' || network === undefined) return err('input.invalid_number', 'the agent mobile must be a Yemeni mobile number');
    return wetaMobile({ national: check.national, network });
  }

  function billType(number: SubscriberNumber, subscriberType: PayRequest['subscriberType']): BillRequest['type'] {
    if (number.network === 'landline') return 'line';
    if (number.network === 'adsl') return 'adsl';
    return subscriberType ?? 'prepaid';
  }

  async function offers(number: SubscriberNumber): Promise<Result<Offer[]>> {
    const mobile = wetaMobile(number);
    if (!mobile.ok) return mobile;
    return authed('/q/weta-offer', { mobile: mobile.value }, (json) => {
      const parsed = offersResponseSchema.safeParse(json);
      return parsed.success ? parsed.data.data.map(toOffer) : null;
    });
  }

  async function mobileBalance(number: SubscriberNumber, type: SubscriberType): Promise<Result<SubscriberInfo>> {
    if (!isMobileNetwork(number.network)) return err('provider.unsupported', 'Weta /q/balance is for mobiles');
    const mobile = wetaMobile(number);
    if (!mobile.ok) return mobile;
    // The parameter table and the 422 say `type`, the cURL example `methode`: both are sent.
    return authed('/q/balance', { mobile: mobile.value, type, methode: type }, (json) => {
      const parsed = mobileBalanceResponseSchema.safeParse(json);
      if (!parsed.success) return null;
      const d = parsed.data.data;
      const text = String(d.availableCredit ?? d.balance ?? '');
      const amount = moneyFromDecimal(d.availableCredit ?? d.balance);
      const lines = [{ label: 'balance', value: text }];
      if (d.balance !== undefined) lines.push({ label: 'total', value: String(d.balance) });
      // "MobileType 0 mean prepaid MobileType 1 mean postpaid".
      if (d.mobile_type !== undefined) lines.push({ label: 'type', value: String(d.mobile_type) === '1' ? 'postpaid' : 'prepaid' });
      return { kind: 'balance', lines, balance: amount ? { text, amount } : { text } } satisfies SubscriberInfo;
    });
  }

  async function lineBalance(number: SubscriberNumber): Promise<Result<SubscriberInfo>> {
    if (number.network !== 'landline' && number.network !== 'adsl') return err('provider.unsupported', 'Weta /q/adsl-line is for line/ADSL');
    const mobile = wetaMobile(number);
    if (!mobile.ok) return mobile;
    return authed('/q/adsl-line', { mobile: mobile.value, type: number.network === 'adsl' ? 'adsl' : 'line' }, (json) => {
      const parsed = adslLineResponseSchema.safeParse(json);
      if (!parsed.success) return null;
      const entries = Object.entries(parsed.data.data).map(([label, value]) => ({ label, value: String(value ?? '') }));
      const main = parsed.data.data.availableCredit ?? parsed.data.data.balance;
      const text = main === undefined || main === null ? '' : String(main);
      const amount = moneyFromDecimal(main);
      return { kind: 'balance', lines: entries, balance: amount ? { text, amount } : { text } } satisfies SubscriberInfo;
    });
  }

  async function loan(number: SubscriberNumber): Promise<Result<SubscriberInfo>> {
    if (number.network !== 'yemen_mobile') return err('provider.unsupported', 'Weta /q/solfa is for Yemen Mobile');
    const mobile = wetaMobile(number);
    if (!mobile.ok) return mobile;
    return authed('/q/solfa', { mobile: mobile.value }, (json) => {
      const parsed = solfaResponseSchema.safeParse(json);
      if (!parsed.success) return null;
      const { RESULTCODE, RESULTDESC } = parsed.data.data;
      const text = RESULTDESC ?? String(RESULTCODE);
      // The document shows only RESULTCODE "0" with "UNKOWN_STATUS": only "1" is read as a loan.
      return {
        kind: 'loan',
        lines: [{ label: 'result', value: `${RESULTCODE} ${RESULTDESC ?? ''}`.trim() }],
        loan: { hasLoan: String(RESULTCODE) === '1', text },
      } satisfies SubscriberInfo;
    });
  }

  async function appliedPackages(number: SubscriberNumber): Promise<Result<SubscriberInfo>> {
    if (number.network !== 'yemen_mobile') return err('provider.unsupported', 'Weta /q/applied-backage is for Yemen Mobile');
    const mobile = wetaMobile(number);
    if (!mobile.ok) return mobile;
    return authed('/q/applied-backage', { mobile: mobile.value }, (json) => {
      const parsed = appliedPackagesResponseSchema.safeParse(json);
      if (!parsed.success) return null;
      const list = parsed.data.data.offers.map((o) => ({
        id: o.offerId,
        name: o.offerName,
        ...(o.offerStartDate ? { start: o.offerStartDate } : {}),
        ...(o.offerEndDate ? { end: o.offerEndDate } : {}),
      }));
      return { kind: 'offers', lines: list.map((o) => ({ label: o.id, value: o.name })), offers: list } satisfies SubscriberInfo;
    });
  }

  function payFailed(error: Result<never>, raw?: RawExchange): PayOutcome {
    const e = (error as { ok: false; error: AppError }).error;
    return raw ? { state: 'failed', error: e, message: e.message, raw } : { state: 'failed', error: e, message: e.message };
  }

  function payUnknown(code: ErrorCode, message: string, raw?: RawExchange): PayOutcome {
    const error = { code, message: scrub(message) };
    return raw ? { state: 'unknown', error, message: error.message, raw } : { state: 'unknown', error, message: error.message };
  }

  async function pay(request: PayRequest): Promise<PayOutcome> {
    if (request.product.kind !== 'offer') return payFailed(err('provider.unsupported', 'Weta sells only its offers'));
    if (!/^\d{1,16}$/.test(request.txId) || !Number.isSafeInteger(Number(request.txId))) {
      return payFailed(err('input.invalid', 'Weta trans_id must be a safe integer', { detail: 'trans_id' }));
    }
    const mobile = wetaMobile(request.number);
    if (!mobile.ok) return payFailed(mobile);
    const sess = await ensureSession();
    if (!sess.ok) return payFailed(sess);
    const body: BillRequest = {
      mobile: mobile.value,
      trans_id: Number(request.txId),
      code: request.product.code,
      type: billType(request.number, request.subscriberType),
    };
    const ex = await send('/bill/weta-offer', body, sess.value.token);
    if (ex.kind === 'timeout') return payUnknown('provider.timeout', `Weta bill: no answer within ${deps.timeoutMs} ms`);
    if (ex.kind === 'unreached') return payFailed(fail('provider.unavailable', `Weta bill not sent: ${ex.message}`));
    if (ex.kind === 'dropped') return payUnknown('provider.unavailable', `Weta bill: connection lost (${ex.message})`);
    const raw = rawOf(ex);
    const json = parseJson(ex.text);
    const envelope = json === undefined ? null : (envelopeSchema.safeParse(json).data ?? null);
    if (envelope && isApiErrorCode(envelope.status_code)) {
      return payFailed(fail(apiErrorToCode[envelope.status_code], `Weta bill: ${envelope.status_code} ${envelopeText(envelope)}`), raw);
    }
    const status = effectiveStatus(ex.status, envelope);
    if (status === 401) {
      // Not charged: the token was refused before the bill was looked at. Never re-sent here.
      sessions.drop(sess.value);
      return payFailed(fail('provider.session_expired', 'Weta bill: session refused (HTTP 401)'), raw);
    }
    if (status === 409) return payFailed(fail('provider.duplicate_transaction', `Weta bill: trans_id ${body.trans_id} already used`), raw);
    if (isRefusalBeforeCharge(status)) {
      const text = envelope ? envelopeText(envelope) : '';
      return payFailed(fail(httpStatusToCode(status), `Weta bill: HTTP ${status} ${text}`.trim(), { status }), raw);
    }
    if (status < 200 || status >= 300) {
      return payUnknown(status >= 500 ? 'provider.server_error' : 'provider.bad_response', `Weta bill: HTTP ${status}`, raw);
    }
    const parsed = json === undefined ? undefined : billResponseSchema.safeParse(json).data;
    const inner = parsed?.data[0];
    if (!inner) return payUnknown('provider.bad_response', 'Weta bill: unreadable answer', raw);
    if (isApiErrorCode(inner.status_code)) {
      return payFailed(fail(apiErrorToCode[inner.status_code], `Weta bill: ${inner.status_code} ${inner.description ?? ''}`.trim()), raw);
    }
    const result = inner.data;
    if (result?.trans_id !== undefined && String(result.trans_id) !== String(body.trans_id)) {
      return payUnknown('provider.bad_response', `Weta bill: answer names trans_id ${String(result.trans_id)}`, raw);
    }
    const price = moneyFromDecimal(result?.price) ?? moneyFromDecimal(result?.sent_amount) ?? undefined;
    const agentBalance = moneyFromDecimal(result?.remain_amount) ?? undefined;
    const common = {
      providerRef: String(body.trans_id),
      raw,
      ...(price ? { price } : {}),
      ...(agentBalance ? { agentBalance } : {}),
      ...(inner.description ? { message: inner.description } : {}),
    };
    if (inner.status_code === 200 || inner.status_code === 201) return { state: 'succeeded', ...common };
    // Accepted but not done: the status call settles it (isDone 0, isBan 0 = in progress).
    if (inner.status_code === 202) return { state: 'pending', ...common };
    return payUnknown('provider.bad_response', `Weta bill: inner status ${inner.status_code}`, raw);
  }

  async function status(request: StatusRequest): Promise<StatusOutcome> {
    if (!/^\d{1,16}$/.test(request.txId)) return { state: 'unknown', error: { code: 'input.invalid', message: 'trans_id must be an integer' } };
    const mobile = wetaMobile(request.number);
    if (!mobile.ok) return { state: 'unknown', error: mobile.error };
    let rawSeen: RawExchange | undefined;
    const result = await authed('/q/status', { trans_id: Number(request.txId), mobile: mobile.value }, (json) => {
      const parsed = statusResponseSchema.safeParse(json);
      rawSeen = { body: scrub(JSON.stringify(json).slice(0, RAW_LIMIT)) };
      return parsed.success ? parsed.data.data : null;
    });
    if (!result.ok) {
      // A 404 in Weta's own envelope names a trans_id it never recorded: never charged. A bare 404
      // (a proxy, a moved URL) proves nothing, so it stays unknown.
      if (result.error.code === 'provider.not_found' && result.error.params?.envelope === 404) return { state: 'not_found', error: result.error, message: result.error.message };
      return { state: 'unknown', error: result.error, message: result.error.message };
    }
    const s = result.value;
    const common = { providerRef: request.txId, ...(rawSeen ? { raw: rawSeen } : {}) };
    // The reading of isDone/isBan (docs/providers-weta.md): the note under /q/status is taken
    // ("isDone 1 mean success, 0 in progress; isBan 1 mean ban, 0 safe"), not the "fix delay"
    // section, which swaps both. An answer only that reading explains settles the sale; one that
    // reads both ways (done and banned, banned without a documented reason) waits for a person,
    // so a charged sale is never failed (and sold again) on a guess.
    const reason = s.reason === undefined || s.reason === null ? '' : String(s.reason);
    const unclear = (why: string): StatusOutcome => ({
      state: 'unclear',
      ...common,
      message: rawSeen?.body ?? `isDone ${s.isDone}, isBan ${s.isBan}, reason ${reason || 'none'}`,
      error: { code: 'provider.unclear_status', message: `Weta status: ${why}` },
    });
    if (s.isDone === 1 && s.isBan === 0) return settledPrice(request, common);
    if (s.isDone === 0 && s.isBan === 0) return { state: 'pending', ...common };
    if (s.isDone === 0 && s.isBan === 1) {
      if (!isDocumentedFailure(reason)) return unclear(`banned with ${reason ? `reason ${reason}, not a documented failure` : 'no reason'}`);
      return {
        state: 'failed',
        ...common,
        message: `Weta: banned (reason ${reason})`,
        error: { code: 'provider.rejected', message: `Weta: operation banned (reason ${reason})`, params: { reason } },
      };
    }
    return unclear(`isDone ${s.isDone} with isBan ${s.isBan} reads two ways`);
  }

  /**
   * A done bill carries the price of what was sent. /q/status gives none, so it is the offer's
   * price from Weta's own list for the number; until that list answers, the sale stays unknown
   * (asked again) rather than settled with no price, which reports would miss.
   */
  async function settledPrice(request: StatusRequest, common: { providerRef: string; raw?: RawExchange }): Promise<StatusOutcome> {
    if (request.product?.kind !== 'offer') return { state: 'succeeded', ...common };
    const code = request.product.code;
    const list = await offers(request.number);
    const price = list.ok ? list.value.find((o) => o.code === code)?.price : undefined;
    if (!price) {
      const why = list.ok ? `offer ${code} is not in the list` : list.error.message;
      return { state: 'unknown', ...common, error: { code: 'provider.bad_response', message: scrub(`Weta status: done, price not known yet (${why})`) } };
    }
    return { state: 'succeeded', ...common, price };
  }

  const provider: WetaProvider = {
    id: 'weta',
    async login() {
      const result = await ensureSession();
      return result.ok ? ok({ expiresAt: result.value.expiresAt }) : result;
    },
    async logout() {
      const current = sessions.take();
      if (!current) return ok(undefined);
      const ex = await send('/logout', undefined, current.token);
      // A 401 means the token was already ended: the goal of logout holds.
      if (ex.kind === 'answer' && ex.status === 401) return ok(undefined);
      const result = interpret(ex, '/logout', () => true);
      return result.ok ? ok(undefined) : result;
    },
    async agentBalance() {
      return authed<Money>('/q/agent-balance', undefined, (json) => {
        const parsed = agentBalanceResponseSchema.safeParse(json);
        return parsed.success ? moneyFromDecimal(parsed.data.data.balance) : null;
      });
    },
    supports(network: Network, what: Product['kind'] | SubscriberQueryKind) {
      const served = isMobileNetwork(network) || network === 'landline' || network === 'adsl';
      switch (what) {
        case 'offer':
        case 'balance':
          return served;
        case 'loan':
        case 'offers':
          return network === 'yemen_mobile';
        default:
          // Weta bills only its own offers (by code): no free amounts, units or game cards.
          return false;
      }
    },
    async query(number, kind, subscriberType) {
      if (kind === 'balance') return isMobileNetwork(number.network) ? mobileBalance(number, subscriberType ?? 'prepaid') : lineBalance(number);
      if (kind === 'loan') return loan(number);
      return appliedPackages(number);
    },
    offers,
    async catalogue() {
      return err('provider.unsupported', 'Weta has no game or gift card catalogue');
    },
    async quote(number, product): Promise<Result<Quote>> {
      if (product.kind !== 'offer') return err('provider.unsupported', 'Weta sells only its offers');
      const list = await offers(number);
      if (!list.ok) return list;
      const found = list.value.find((o) => o.code === product.code);
      if (!found) return err('provider.invalid_offer', `Weta has no offer ${product.code} for this number`);
      return ok(found.price ? { price: found.price, ...(found.receives ? { note: found.receives } : {}) } : {});
    },
    pay,
    status,
    async register(input) {
      // Whatever Weta echoes back (the document's 422 lists the fields), the password never leaves here.
      secrets.add(input.password);
      secrets.add(input.password_confirmation);
      const mobile = agentMobile(input.mobile);
      if (!mobile.ok) return mobile;
      const ex = await send('/register', { ...input, mobile: mobile.value });
      return interpret(ex, '/register', (json) => registerResponseSchema.safeParse(json).data?.data.user ?? null);
    },
    async resetPassword(newPassword) {
      secrets.add(newPassword);
      const result = await authed('/setting/reset_pass', { password: newPassword }, () => true);
      return result.ok ? ok(undefined) : result;
    },
    appliedPackages,
    mobileBalance,
    lineBalance,
    loan,
  };
  return provider;
}

/** An offer as we show it: the price is total_cost when Weta fills it with a number, else amount_sent. */
export function toOffer(offer: WetaOffer): Offer {
  const price = moneyFromDecimal(offer.total_cost) ?? moneyFromDecimal(offer.amount_sent);
  const extra = offer.WETA_offer?.map((w) => w.extra_balance).filter((x) => x !== undefined).join(', ');
  const name = [offer.telecom_company, String(offer.amount_sent)].filter(Boolean).join(' ');
  const receives = offer.recevied === undefined ? undefined : `${offer.recevied}${extra ? ` (+${extra})` : ''}`;
  return { code: offer.code, name, ...(price ? { price } : {}), ...(receives ? { receives } : {}) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
