// A loopback Al-Qimah server that follows the document (same routes, bodies, field names and Arabic
// messages) with a ledger (docs/architecture.md, "Providers"). It serves the app's training mode, the
// tests and the benchmarks, so it imports nothing from Electron and keeps every call cheap. Faults and
// request recording are test instruments: they live in test/harness/simulator-faults and reach this
// server only through the optional `faults` and `observe` hooks, which training mode never passes.
// Where the document is silent the simulator decides, and the client must cope with any answer:
// - a rejected or expired access token is `{status:false, message: TOKEN_REJECTED_MESSAGE}` (HTTP 200);
// - TransactionID is unique across every request that carries one (queries and payments alike),
//   as the document says "unique for every request"; a status check (0/2) only looks an id up;
// - a payment is charged when accepted (success or pending) and refunded if a pending one fails.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDecimalToMinor } from '../../../shared/money';
import { defaultAlqimahServiceMap, type AlqimahServiceMap } from './service-map';
import { loginToken, type AlqimahCredentials } from './token';
import { formatYemenTime, type Category } from './wire';
import type { PracticeOutcome } from '../../../shared/training';

export const SIM_MESSAGES = {
  loginOk: 'Login Successful',
  loginFailed: 'بيانات الدخول غير صحيحة',
  tokenRejected: 'Invalid or expired token - رمز الوصول غير صالح أو منتهي الصلاحية',
  balanceOk: 'Agent Balance Query Success',
  queryOk: 'Balance Query Success',
  feedOk: 'Query Success',
  categoriesOk: 'Success',
  notFound: 'العملية غير موجودة',
  duplicate: 'رقم العملية مستخدم مسبقاً - Duplicate TransactionID',
  insufficient: 'رصيدك غير كافٍ لإتمام العملية - Insufficient balance',
  badService: 'رقم الشبكة أو الخدمة غير صحيح',
  badAmount: 'المبلغ غير صحيح',
  badOffer: 'كود العرض غير صحيح',
  badCategory: 'كود الفئة غير صحيح',
  badFields: 'الحقول المطلوبة غير مكتملة',
  badQuantity: 'الكمية غير مسموحة',
  badRequest: 'طلب غير صالح',
  missingNumber: 'رقم المشترك مطلوب',
  paySuccess: 'Payment succcess', // sic: the document's spelling
  ready: 'جاهزة',
  cancelled: 'ملغية',
  waiting: 'في الانتظار',
} as const;

export type SimCallKind = 'login' | 'global' | 'query' | 'payment';

/**
 * The questions this server asks a test's fault layer, each at the point where the answer would act.
 * It holds no fault logic: without it every answer follows the ledger.
 */
export type AlqimahSimFaults = {
  /** Milliseconds to hold this call before answering (0: none). */
  delayMs(kind: SimCallKind): number;
  /** HTTP 503 before the request is looked at: nothing is charged. */
  serverError(kind: SimCallKind): boolean;
  /** The payment is charged, then the socket is destroyed before any answer. */
  dropAfterCharge(kind: SimCallKind): boolean;
  /** The request is processed (a payment is charged), then the answer is cut JSON. */
  malformedJson(kind: SimCallKind): boolean;
  /** The payment answers operationStatus 0 (failed, not charged). */
  failPayment(): boolean;
  /** Rejects the payment for insufficient balance whatever the ledger holds. */
  insufficientBalance(): boolean;
  /** The payment answers -1 and stays pending for `checks` status calls, then settles to `outcome`. */
  pending(): { checks: number; outcome: 'succeeded' | 'failed' } | undefined;
  /** A free text to refuse this status check with ({status:false}) whatever the ledger holds. */
  statusRefused(): string | undefined;
  /** Lifetime of the next access token. */
  tokenTtlMs(): number;
  /** Whether an issued, unexpired access token must be refused anyway. */
  tokenRevoked(token: string): boolean;
};

/** Sees what arrives, for tests that check the wire; it cannot change an answer. */
export type AlqimahSimObserver = {
  request?(request: SimRequest): void;
  tokenIssued?(token: string): void;
};

export type SimTransaction = {
  txId: string;
  referenceId: number;
  network: number;
  service: number;
  mobileNumber: string;
  priceMinor: number;
  state: 'succeeded' | 'failed' | 'pending';
  checksLeft: number;
  finalOutcome: 'succeeded' | 'failed';
  webhook?: { url: string; code: string };
};

export type SimRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: unknown; kind: SimCallKind | 'other' };
export type WebhookCall = { url: string; query: Record<string, string>; status?: number; error?: string };

export type AlqimahSimulatorOptions = {
  account?: AlqimahCredentials;
  /** Agent balance in YER minor units. */
  balanceMinor?: number;
  now?: () => number;
  serviceMap?: AlqimahServiceMap;
  categories?: Category[];
  /** Offer code → price (decimal YER). */
  offerPrices?: Record<string, string>;
  faults?: AlqimahSimFaults;
  observe?: AlqimahSimObserver;
  /** Training mode's practice numbers (shared/training.ts): a payment to one ends as it says. */
  practice?: Readonly<Record<string, PracticeOutcome>>;
};

export const defaultSimAccount: AlqimahCredentials = {
  userName: 'shop-user',
  password: 'shop-password-1',
  accountNumber: '100200',
  apiToken: 'sim-api-token-0123456789',
};

/** The document's own category examples (Get Games and Gift Cards Categories). */
export const documentCategories: Category[] = [
  [968, 60, 'pubg_60', 0.9, 495],
  [969, 120, 'pubg_120', 1.81, 995.5],
  [970, 325, 'pubg_325', 4.38, 2409],
  [971, 385, 'pubg_385', 5.2, 2860],
].map(([n, units, code, price, local]) => ({
  TheNumber: n as number,
  ServiceName: 'شدات بوبجي - Pubg UC',
  CategoryName: `شدات بوبجي ( ${units} شدة )`,
  GameUnitsCount: units as number,
  LinkCode: code as string,
  Price: price as number,
  CurrencyName: 'دولار',
  LocalPrice: local as number,
  LocalCurrencyName: 'ريال يمني',
  AllowFreeQuantity: false,
  MinQuantity: 1,
  MaxQuantity: 1,
  RequiredFields: [{ FieldCode: 'PlayerID', FieldName: 'رقم ايدي - اللاعب' }],
}));

/** The document's example query answers, keyed by service number. */
export const documentQueryAnswers: Record<number, Record<string, unknown>> = {
  101: { status: true, mobileBalance: 154.15, availableCredit: '', mobileType: 1, mobileTypeName: 'دفع مسبق', message: 'Balance Query Success', transactionID: 0 },
  102: { status: true, loanStatus: false, loanStatusString: 'الرقم غير متسلف', message: 'Balance Query Success' },
  107: {
    status: true,
    data: [
      { offerID: 'A115887147', offerName: 'شريحه 4G', offerStartDate: '2020-01-01 03:00:00', offerEndDate: '2037-01-01 00:00:00' },
      { offerID: 'A4990006', offerName: 'باقة مزايا فورجي فولتي الشهريه دفع مسبق', offerStartDate: '2024-07-21 17:14:06', offerEndDate: '2024-08-19 23:59:59' },
      { offerID: 'A3825', offerName: 'دفع مسبق باقة نت توفير فورجي 5 جيجا الشهرية', offerStartDate: '2024-07-26 18:01:40', offerEndDate: '2024-08-24 23:59:59' },
      { offerID: 'A101044', offerName: 'CDMA voice offer', offerStartDate: '2024-07-09 11:01:20', offerEndDate: '2037-01-01 00:00:00' },
      { offerID: 'A101045', offerName: 'خدمة فولتي - VoLTE', offerStartDate: '2024-07-09 11:01:20', offerEndDate: '2037-01-01 00:00:00' },
      { offerID: 'A101051', offerName: 'VoLTE international toll offer', offerStartDate: '2024-07-09 11:01:27', offerEndDate: '2037-01-01 00:00:00' },
    ],
    message: 'Balance Query Success',
  },
  501: { status: true, mobileBalance: '44.18 جيجابايت', expiredDate: '21/10/2024', offerAmount: '12600', minAmount: '250', message: 'Balance Query Success', transactionID: '1' },
  601: { status: true, mobileBalance: '2869', message: 'Balance Query Success', transactionID: '1' },
  701: { status: true, mobileBalance: '26.90جيجابايت', expiredDate: '2024-11-06', offerAmount: '2400', offerSize: '2400', callBalance: '', message: 'Balance Query Success', transactionID: '1' },
};

export const documentFeed = [
  { Date: '2024-08-03', Amount: '70000.00000', Currency: 'ريال يمني', Notes: 'Notes' },
  { Date: '2024-08-01', Amount: '100000.00000', Currency: 'ريال يمني', Notes: 'Notes' },
];


const majorOf = (minor: number) => minor / 100;
const TOKEN_TTL_MS = 60 * 60 * 1000;

export async function startAlqimahSimulator(options: AlqimahSimulatorOptions = {}) {
  const account = options.account ?? defaultSimAccount;
  const now = options.now ?? Date.now;
  const map = options.serviceMap ?? defaultAlqimahServiceMap;
  const categories = options.categories ?? documentCategories;
  const offerPrices = options.offerPrices ?? { PREWhatsApp: '5227', A3825: '1200', A4990006: '3500' };
  const { faults, observe } = options;
  const tokens = new Map<string, number>();
  let nextReference = 243085;

  const transactions = new Map<string, SimTransaction>();
  const usedIds = new Set<string>();
  const charges: { txId: string; minor: number }[] = [];
  const refunds: { txId: string; minor: number }[] = [];
  const ledger = {
    balanceMinor: options.balanceMinor ?? 10_000_000,
    transactions,
    usedIds,
    charges,
    refunds,
    /** How many times a transaction id was charged (must never exceed 1). */
    chargesFor: (txId: string) => charges.filter((c) => c.txId === txId).length,
  };
  const webhookCalls: WebhookCall[] = [];
  const webhookInFlight = new Set<Promise<void>>();

  function callWebhook(tx: SimTransaction) {
    if (!tx.webhook) return;
    const query: Record<string, string> = {
      OperationStatus: tx.state === 'succeeded' ? '1' : '0',
      WebHookCode: tx.webhook.code,
      TransactionID: tx.txId,
      ReferenceID: String(tx.referenceId),
      price: String(majorOf(tx.priceMinor)),
      message: tx.state === 'succeeded' ? SIM_MESSAGES.ready : SIM_MESSAGES.cancelled,
    };
    const url = `${tx.webhook.url}${tx.webhook.url.includes('?') ? '&' : '?'}${new URLSearchParams(query)}`;
    const entry: WebhookCall = { url, query };
    const p = fetch(url, { method: 'GET', signal: AbortSignal.timeout(5000) })
      .then(async (res) => {
        entry.status = res.status;
        await res.arrayBuffer();
      })
      .catch((e: unknown) => {
        entry.error = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        webhookCalls.push(entry);
        webhookInFlight.delete(p);
      });
    webhookInFlight.add(p);
  }

  function settle(tx: SimTransaction, outcome: 'succeeded' | 'failed') {
    tx.state = outcome;
    if (outcome === 'failed' && tx.priceMinor > 0 && charges.some((c) => c.txId === tx.txId)) {
      ledger.balanceMinor += tx.priceMinor;
      refunds.push({ txId: tx.txId, minor: tx.priceMinor });
    }
    callWebhook(tx);
  }

  type Answer = { body: Record<string, unknown>; afterCharge?: boolean };
  const fail = (message: string): Answer => ({ body: { status: false, message } });

  function handleLogin(body: Record<string, unknown>): Answer {
    const expected = loginToken(account);
    if (body.AccountNumber !== account.accountNumber || body.UserName !== account.userName || body.Token !== expected) {
      return fail(SIM_MESSAGES.loginFailed);
    }
    const token = randomBytes(24).toString('hex');
    const expires = now() + (faults?.tokenTtlMs() ?? TOKEN_TTL_MS);
    tokens.set(token, expires);
    observe?.tokenIssued?.(token);
    return { body: { status: true, message: SIM_MESSAGES.loginOk, access_token: token, token_expires: formatYemenTime(expires) } };
  }

  function statusAnswer(tx: SimTransaction): Answer {
    if (tx.state === 'pending') {
      tx.checksLeft -= 1;
      if (tx.checksLeft < 0) settle(tx, tx.finalOutcome);
    }
    const operationStatus = tx.state === 'succeeded' ? 1 : tx.state === 'failed' ? 0 : -1;
    const message = tx.state === 'succeeded' ? SIM_MESSAGES.ready : tx.state === 'failed' ? SIM_MESSAGES.cancelled : SIM_MESSAGES.waiting;
    return {
      body: {
        status: true,
        operationStatus,
        mobileNumber: tx.mobileNumber,
        price: majorOf(tx.priceMinor),
        message,
        details: 'Operation Notes',
        // The document shows ids as numbers here and as strings in payment answers.
        transactionID: /^\d{1,15}$/.test(tx.txId) ? Number(tx.txId) : tx.txId,
        referenceID: tx.referenceId,
      },
    };
  }

  function handleGlobal(service: number, body: Record<string, unknown>): Answer {
    const g = map.global;
    if (service === g.balance) return { body: { status: true, agentBalance: majorOf(ledger.balanceMinor), message: SIM_MESSAGES.balanceOk, transactionID: 0 } };
    if (service === g.status) {
      const refusal = faults?.statusRefused();
      if (refusal !== undefined) return fail(refusal);
      const tx = transactions.get(String(body.TransactionID ?? ''));
      return tx ? statusAnswer(tx) : fail(SIM_MESSAGES.notFound);
    }
    if (service === g.feed) return { body: { status: true, data: documentFeed, message: SIM_MESSAGES.feedOk } };
    if (service === g.categories) return { body: { status: true, data: categories, message: SIM_MESSAGES.categoriesOk, transactionID: '1' } };
    return fail(SIM_MESSAGES.badService);
  }

  function classify(network: number, service: number): { kind: 'query' | 'payment'; what: string; pricing: 'amount' | 'units'; unitPrice?: string } | null {
    if (network === map.games.networkNumber && service === map.games.serviceNumber) return { kind: 'payment', what: 'game', pricing: 'amount' };
    for (const entry of Object.values(map.networks)) {
      if (!entry || entry.networkNumber !== network) continue;
      for (const [what, number] of Object.entries(entry.services)) {
        if (number !== service) continue;
        const kind = what === 'topUp' || what === 'offerPayment' ? 'payment' : 'query';
        return { kind, what, pricing: entry.pricing, ...(entry.unitPrice ? { unitPrice: entry.unitPrice } : {}) };
      }
    }
    return null;
  }

  function priceOf(what: string, pricing: 'amount' | 'units', unitPrice: string | undefined, body: Record<string, unknown>): number | string {
    if (what === 'offerPayment') {
      const price = offerPrices[String(body.OfferCode ?? '')];
      return price === undefined ? SIM_MESSAGES.badOffer : (parseDecimalToMinor(price) ?? SIM_MESSAGES.badOffer);
    }
    if (what === 'game') {
      const category = categories.find((c) => c.LinkCode === body.LinkCode);
      if (!category) return SIM_MESSAGES.badCategory;
      let fields: unknown;
      try {
        fields = JSON.parse(String(body.Fields ?? '{}'));
      } catch {
        return SIM_MESSAGES.badFields;
      }
      const given = fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {};
      if (category.RequiredFields.some((f) => typeof given[f.FieldCode] !== 'string' || given[f.FieldCode] === '')) return SIM_MESSAGES.badFields;
      const quantity = body.Quantity === undefined ? 1 : Number(body.Quantity);
      if (!Number.isInteger(quantity) || quantity < category.MinQuantity || quantity > category.MaxQuantity) return SIM_MESSAGES.badQuantity;
      const local = parseDecimalToMinor(category.LocalPrice);
      return local === null ? SIM_MESSAGES.badCategory : local * quantity;
    }
    const amount = body.Amount;
    if (typeof amount !== 'number' || !(amount > 0)) return SIM_MESSAGES.badAmount;
    if (pricing === 'units') {
      if (!Number.isInteger(amount)) return SIM_MESSAGES.badAmount;
      return amount * (parseDecimalToMinor(unitPrice ?? '1') ?? 100);
    }
    return parseDecimalToMinor(amount) ?? SIM_MESSAGES.badAmount;
  }

  function handlePayment(network: number, service: number, c: NonNullable<ReturnType<typeof classify>>, body: Record<string, unknown>): Answer {
    const txId = String(body.TransactionID ?? '');
    const mobileNumber = String(body.MobileNumber ?? '');
    if (!txId) return fail(SIM_MESSAGES.badRequest);
    if (usedIds.has(txId)) return fail(SIM_MESSAGES.duplicate);
    if (!mobileNumber) return fail(SIM_MESSAGES.missingNumber);
    const price = priceOf(c.what, c.pricing, c.unitPrice, body);
    if (typeof price === 'string') return fail(price);
    if (faults?.insufficientBalance() || price > ledger.balanceMinor) return fail(SIM_MESSAGES.insufficient);
    usedIds.add(txId);
    const tx: SimTransaction = {
      txId,
      referenceId: nextReference++,
      network,
      service,
      mobileNumber,
      priceMinor: price,
      state: 'pending',
      checksLeft: 0,
      finalOutcome: 'succeeded',
    };
    if (typeof body.WebHookURL === 'string' && body.WebHookURL) tx.webhook = { url: body.WebHookURL, code: String(body.WebHookCode ?? '') };
    transactions.set(txId, tx);
    const practice = options.practice?.[mobileNumber];
    if (practice === 'fails' || faults?.failPayment()) {
      tx.state = 'failed';
      callWebhook(tx);
    } else {
      ledger.balanceMinor -= price;
      charges.push({ txId, minor: price });
      if (practice === 'pendingThenSucceeds' || practice === 'staysInDoubt') {
        // Pending when paid and settled at the first status call; or pending for as long as it is asked.
        tx.checksLeft = practice === 'staysInDoubt' ? Number.POSITIVE_INFINITY : 0;
      } else {
        const pending = faults?.pending();
        if (pending) {
          tx.checksLeft = pending.checks;
          tx.finalOutcome = pending.outcome;
        } else {
          settle(tx, 'succeeded');
        }
      }
    }
    const operationStatus = tx.state === 'succeeded' ? 1 : tx.state === 'failed' ? 0 : -1;
    const message = tx.state === 'succeeded' ? SIM_MESSAGES.paySuccess : tx.state === 'failed' ? SIM_MESSAGES.cancelled : SIM_MESSAGES.waiting;
    return {
      afterCharge: tx.state !== 'failed',
      body: { status: true, operationStatus, agentBalance: majorOf(ledger.balanceMinor), price: majorOf(price), message, transactionID: txId, referenceID: tx.referenceId },
    };
  }

  function handleService(body: Record<string, unknown>, kind: SimCallKind): Answer {
    const network = Number(body.NetworkNumber);
    const service = Number(body.ServiceNumber);
    if (kind === 'global') return handleGlobal(service, body);
    const c = classify(network, service);
    if (!c) return fail(SIM_MESSAGES.badService);
    if (c.kind === 'payment') return handlePayment(network, service, c, body);
    const txId = String(body.TransactionID ?? '');
    if (!txId) return fail(SIM_MESSAGES.badRequest);
    if (usedIds.has(txId)) return fail(SIM_MESSAGES.duplicate);
    if (!body.MobileNumber) return fail(SIM_MESSAGES.missingNumber);
    usedIds.add(txId);
    const answer = documentQueryAnswers[service];
    return answer ? { body: answer } : fail(SIM_MESSAGES.badService);
  }

  function kindOf(path: string, body: Record<string, unknown>): SimCallKind | 'other' {
    if (path === '/rest-api/login') return 'login';
    if (path !== '/rest-api/' && path !== '/rest-api') return 'other';
    if (Number(body.NetworkNumber) === map.global.networkNumber) return 'global';
    const c = classify(Number(body.NetworkNumber), Number(body.ServiceNumber));
    return c?.kind ?? 'query';
  }

  function send(res: ServerResponse, status: number, text: string) {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      let body: Record<string, unknown> = {};
      let parsed = true;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        const value: unknown = text ? JSON.parse(text) : {};
        if (value && typeof value === 'object' && !Array.isArray(value)) body = value as Record<string, unknown>;
        else parsed = false;
      } catch {
        parsed = false;
      }
      const kind = req.method === 'POST' ? kindOf(path, body) : 'other';
      observe?.request?.({ method: req.method ?? '', path, headers: req.headers, body: parsed ? body : text, kind });
      const run = () => {
        if (kind === 'other') return send(res, 404, JSON.stringify({ status: false, message: 'Not Found' }));
        if (faults?.serverError(kind)) return send(res, 503, '<html><body>503 Service Unavailable</body></html>');
        let answer: Answer;
        if (!parsed) answer = fail(SIM_MESSAGES.badRequest);
        else if (kind === 'login') answer = handleLogin(body);
        else {
          const header = req.headers['api-token'];
          const expires = typeof header === 'string' && !faults?.tokenRevoked(header) ? tokens.get(header) : undefined;
          if (expires === undefined || expires <= now()) answer = fail(SIM_MESSAGES.tokenRejected);
          else answer = handleService(body, kind);
        }
        if (answer.afterCharge && faults?.dropAfterCharge(kind)) {
          req.socket.destroy();
          return;
        }
        const json = JSON.stringify(answer.body);
        if (faults?.malformedJson(kind)) return send(res, 200, json.slice(0, Math.max(1, Math.floor(json.length / 2))));
        send(res, 200, json);
      };
      const delay = kind === 'other' ? 0 : (faults?.delayMs(kind) ?? 0);
      if (delay > 0) setTimeout(run, delay);
      else run();
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/rest-api`,
    account,
    ledger,
    webhookCalls,
    /** Waits for every webhook call started so far to finish. */
    flushWebhooks: async () => {
      while (webhookInFlight.size > 0) await Promise.all([...webhookInFlight]);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type AlqimahSimulator = Awaited<ReturnType<typeof startAlqimahSimulator>>;
