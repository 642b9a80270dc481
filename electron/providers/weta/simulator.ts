// A Weta server on loopback that follows Weta's API document (docs/providers-weta.md): routes under /api, the document's bodies and
// status codes (the `"message "` 401 body, 422 `data` arrays), users, JWT-like bearer tokens with
// exp_date, offers per number type and a ledger (each trans_id charged at most once, a reused one
// refused). It serves training mode, the tests and the benchmarks, so it is plain node:http, in
// memory, and fast. Faults and request recording are test instruments: they live in
// test/harness/simulator-faults and reach this server only through the optional `faults` and
// `observe` hooks, which training mode never passes.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  adslLineRequestSchema,
  apiErrorDescriptions,
  billRequestSchema,
  loginRequestSchema,
  type ApiErrorCode,
} from './wire';

/** What this server can be told to do to one request (by a test's fault layer). */
export type WetaFault =
  | { kind: 'latency'; ms: number }
  /** Charge, then destroy the socket: the client never hears the answer. */
  | { kind: 'drop_after_charge' }
  /** A 5xx before anything is charged (default 500). */
  | { kind: 'server_error'; status?: number }
  /** A 200 whose body is cut-off JSON (after the charge, on a bill). */
  | { kind: 'malformed_json' }
  /** The caller's token is treated as expired (and revoked) for this request. */
  | { kind: 'token_expired' }
  /** One of the document's API error codes, before any charge. */
  | { kind: 'api_error'; code: ApiErrorCode; httpStatus?: number }
  /** Any HTTP status of the document's table, with its envelope, before any charge. */
  | { kind: 'http_status'; status: number }
  /** Bill accepted and charged, reported in progress for `checks` status calls, then done or banned (refunded). */
  | { kind: 'pending'; checks: number; then: 'succeeded' | 'failed'; reason?: number };

/**
 * How /q/status writes isDone/isBan. The document says it two ways: `status_section` (its note:
 * isDone 1 success, 0 in progress; isBan 1 ban, 0 safe) and `fix_delay` (its "fix delay"
 * section: 0 done and 1 in progress for the first flag, 0 ban and 1 safe for the second).
 */
export type WetaStatusReading = 'status_section' | 'fix_delay';

/**
 * The questions this server asks a test's fault layer. It holds no fault logic: without it every
 * answer follows the ledger, at once, in the `status_section` reading.
 */
export type WetaSimFaults = {
  /** The fault for this request to `path` ('/bill/weta-offer', '/q/status', …), if any. */
  faultFor(path: string): WetaFault | undefined;
  /** Added to every answer. */
  latencyMs(): number;
  /** A bill that arrives while another bill of the same agent is still being answered gets 1001 ("another batch"). */
  oneBillAtATime(): boolean;
  statusReading(): WetaStatusReading;
};

export type WetaRequest = { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: unknown; rawBody: string };

/** Sees what arrives, for tests that check the wire; it cannot change an answer. */
export type WetaSimObserver = {
  request?(request: WetaRequest): void;
  tokenIssued?(token: string): void;
};

export type LedgerEntry = { username: string; transId: number; mobile: string; code: string; amount: number; kind: 'charge' | 'refund' };

type Transaction = {
  username: string;
  transId: number;
  mobile: string;
  code: string;
  /** The line type the bill was sent with: prepaid/postpaid for mobiles, line/adsl for 10 digits. */
  type: string;
  amount: number;
  state: 'done' | 'pending' | 'banned';
  checksLeft: number;
  then: 'succeeded' | 'failed';
  reason: number | null;
};

export type WetaLedger = {
  balanceOf(username: string): number;
  setBalance(username: string, balance: number): void;
  entries: LedgerEntry[];
  /** Net charges of one trans_id: 1 when charged once, 0 when never (or refunded). */
  chargesFor(username: string, transId: number): number;
  transaction(username: string, transId: number): Readonly<Transaction> | undefined;
};

type User = { name: string; username: string; email: string; mobile: string; password: string; balance: number; createdAt: number };

export type WetaSimulatorOptions = {
  now?: () => number;
  /** Token lifetime in minutes; the document's default is 1440. */
  tokenTtlMinutes?: number;
  users?: Array<{ username: string; password: string; balance?: number; mobile?: string; name?: string; email?: string }>;
  faults?: WetaSimFaults;
  observe?: WetaSimObserver;
};

export type WetaSimulator = {
  url: string;
  ledger: WetaLedger;
  close(): Promise<void>;
};

type Offer = { code: string; amount: number; extra: number; company: string };

const OFFER_TABLE: Array<{ amount: number; extra: number }> = [
  { amount: 600, extra: 10 },
  { amount: 1410, extra: 20 },
  { amount: 2000, extra: 30 },
  { amount: 2500, extra: 35 },
  { amount: 5000, extra: 60 },
  { amount: 10000, extra: 70 },
];

function companyOf(mobile: string): string {
  const national = mobile.slice(3);
  if (mobile.length === 10) return 'TeleYemen - Line';
  if (/^7[78]/.test(national)) return 'Yemen Mobile';
  if (/^73/.test(national)) return 'YOU';
  if (/^71/.test(national)) return 'Sabafon';
  if (/^70/.test(national)) return 'Y';
  return 'Yemen 4G';
}

function offersFor(mobile: string): Offer[] {
  const company = companyOf(mobile);
  return OFFER_TABLE.map((o, i) => ({ code: String(i + 1), amount: o.amount, extra: o.extra, company }));
}


const HTTP_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters in the request',
  401: 'Authentication failure.',
  403: "Don't have permissions to access resource due to the policy",
  404: 'Not Found - The specified resource does not exist.',
  405: 'Method not allowed by the resource.',
  409: 'Conflict.',
  411: 'Length Required: The Content-Length header was not specified.',
  412: 'Precondition Failed: The condition specified in the conditional header(s)',
  413: 'RequestBodyTooLarge - Request Entity Too Large',
  416: 'InvalidRange - Requested Range Not Satisfiable',
  422: 'unprocessable entity.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'ServerBusy - Service Unavailable',
};

const BODY_LIMIT = 64 * 1024;

export async function startWetaSimulator(options: WetaSimulatorOptions = {}): Promise<WetaSimulator> {
  const now = options.now ?? Date.now;
  const ttlSeconds = (options.tokenTtlMinutes ?? 1440) * 60;
  const { faults, observe } = options;
  const signingKey = randomBytes(32);
  const users = new Map<string, User>();
  const tokens = new Map<string, { username: string; exp: number }>();
  const transactions = new Map<string, Transaction>();
  const entries: LedgerEntry[] = [];
  const billsInFlight = new Map<string, number>();

  for (const u of options.users ?? [{ username: 'agent', password: 'agent-password', balance: 100_000 }]) {
    users.set(u.username, {
      name: u.name ?? u.username,
      username: u.username,
      email: u.email ?? `${u.username}@example.test`,
      mobile: u.mobile ?? '967770000000',
      password: u.password,
      balance: u.balance ?? 100_000,
      createdAt: Math.floor(now() / 1000),
    });
  }

  const txKey = (username: string, transId: number) => `${username}\u0000${transId}`;
  const ledger: WetaLedger = {
    balanceOf: (username) => users.get(username)?.balance ?? 0,
    setBalance(username, balance) {
      const user = users.get(username);
      if (user) user.balance = balance;
    },
    entries,
    chargesFor: (username, transId) =>
      entries.filter((e) => e.username === username && e.transId === transId).reduce((n, e) => n + (e.kind === 'charge' ? 1 : -1), 0),
    transaction: (username, transId) => transactions.get(txKey(username, transId)),
  };

  function issueToken(username: string): { token: string; exp: number } {
    const exp = Math.floor(now() / 1000) + ttlSeconds;
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const head = b64({ typ: 'JWT', alg: 'HS256' });
    const payload = b64({ iss: 'weta-simulator', sub: username, exp, jti: randomBytes(8).toString('hex') });
    const signature = createHmac('sha256', signingKey).update(`${head}.${payload}`).digest('base64url');
    const token = `${head}.${payload}.${signature}`;
    tokens.set(token, { username, exp });
    observe?.tokenIssued?.(token);
    return { token, exp };
  }

  type Answer = { status: number; body: unknown } | { status: number; text: string } | { destroy: true };
  const json = (status: number, body: unknown): Answer => ({ status, body });
  const envelope = (status: number, extra: Record<string, unknown> = {}): Answer =>
    json(status, { status_code: status, description: HTTP_DESCRIPTIONS[status] ?? 'Error.', ...extra });
  const invalid = (messages: string[]): Answer => envelope(422, { data: messages });
  // The document's 401 for protected routes: the key really is "message " with a trailing space.
  const tokenRefused = (message: string): Answer => json(401, { 'message ': message, status_code: 401 });
  const apiError = (code: ApiErrorCode, httpStatus = 200): Answer => json(httpStatus, { status_code: code, description: apiErrorDescriptions[code] });

  function authenticate(req: IncomingMessage, fault: WetaFault | undefined): { username: string; token: string } | Answer {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/.exec(header) : null;
    if (!match) return tokenRefused('Token not provided');
    const token = match[1]!;
    const entry = tokens.get(token);
    if (!entry) return tokenRefused('Token is invalid');
    if (fault?.kind === 'token_expired' || entry.exp <= Math.floor(now() / 1000)) {
      tokens.delete(token);
      return tokenRefused('Token has expired');
    }
    return { username: entry.username, token };
  }

  function mobileError(mobile: unknown, lengths: number[]): string | null {
    if (typeof mobile !== 'string' || mobile.length === 0) return 'The mobile field is required.';
    if (!/^967\d+$/.test(mobile) || !lengths.includes(mobile.length)) return `The mobile must be ${lengths.join(' or ')} digits.`;
    return null;
  }

  function statusOfTransaction(tx: Transaction): { isDone: number; isBan: number; reason: number | null } {
    if (tx.state === 'pending') {
      if (tx.checksLeft > 0) {
        tx.checksLeft -= 1;
        return written('pending', null);
      }
      if (tx.then === 'succeeded') tx.state = 'done';
      else {
        tx.state = 'banned';
        const user = users.get(tx.username);
        if (user) user.balance += tx.amount;
        entries.push({ username: tx.username, transId: tx.transId, mobile: tx.mobile, code: tx.code, amount: tx.amount, kind: 'refund' });
      }
    }
    return written(tx.state === 'done' ? 'done' : 'banned', tx.reason);
  }

  function written(state: 'done' | 'pending' | 'banned', reason: number | null): { isDone: number; isBan: number; reason: number | null } {
    const fixDelay = faults?.statusReading() === 'fix_delay';
    if (state === 'pending') return fixDelay ? { isDone: 1, isBan: 1, reason: null } : { isDone: 0, isBan: 0, reason: null };
    if (state === 'done') return fixDelay ? { isDone: 0, isBan: 1, reason: null } : { isDone: 1, isBan: 0, reason: null };
    return fixDelay ? { isDone: 0, isBan: 0, reason: reason ?? 400 } : { isDone: 0, isBan: 1, reason: reason ?? 400 };
  }

  function route(req: IncomingMessage, path: string, body: Record<string, unknown>, fault: WetaFault | undefined): Answer {
    if (fault?.kind === 'server_error') return envelope(fault.status ?? 500);
    if (fault?.kind === 'http_status') return envelope(fault.status);
    if (fault?.kind === 'api_error' && path !== '/bill/weta-offer') return apiError(fault.code, fault.httpStatus);
    // On a bill the cut-off body comes after the charge (see bill); elsewhere it is the whole answer.
    if (fault?.kind === 'malformed_json' && path !== '/bill/weta-offer') return { status: 200, text: '{"status_code": 200, "description": "Succ' };

    if (path === '/register') {
      const fields = ['name', 'username', 'email', 'password', 'password_confirmation', 'mobile'] as const;
      const missing = fields.filter((f) => typeof body[f] !== 'string' || body[f] === '');
      if (missing.length > 0) return invalid(missing.map((f) => `The ${f.replace('_', ' ')} field is required.`));
      const messages: string[] = [];
      if (users.has(body.username as string)) messages.push('The username has already been taken.');
      if (body.password !== body.password_confirmation) messages.push('The password confirmation does not match.');
      if ((body.password as string).length < 8) messages.push('The password must be at least 8 characters.');
      const mobileProblem = mobileError(body.mobile, [12]);
      if (mobileProblem) messages.push(mobileProblem);
      if (messages.length > 0) return invalid(messages);
      const user: User = {
        name: body.name as string,
        username: body.username as string,
        email: body.email as string,
        mobile: body.mobile as string,
        password: body.password as string,
        balance: 0,
        createdAt: Math.floor(now() / 1000),
      };
      users.set(user.username, user);
      return envelope(201, {
        description: 'Created.',
        data: {
          user: {
            name: user.name,
            username: user.username,
            email: user.email,
            mobile: user.mobile,
            balance: 0,
            balance_ceiling: 0,
            balance_type: 'prepaid',
            env: String(req.headers['user-agent'] ?? 'unknown'),
            created_at: user.createdAt,
          },
        },
      });
    }

    if (path === '/login') {
      // The document's example spells the key "password:"; both spellings are accepted.
      const candidate = { username: body.username, password: body.password ?? body['password:'] };
      const parsed = loginRequestSchema.safeParse(candidate);
      if (!parsed.success) {
        const messages: string[] = [];
        if (typeof candidate.username !== 'string' || !candidate.username) messages.push('the username field is required.');
        if (typeof candidate.password !== 'string' || !candidate.password) messages.push('the password field is required.');
        return invalid(messages.length ? messages : ['the password field is required.']);
      }
      const user = users.get(parsed.data.username);
      if (!user || user.password !== parsed.data.password) return envelope(401);
      const { token, exp } = issueToken(user.username);
      return json(200, { status_code: 200, description: 'Success.', token, exp_date: exp });
    }

    const auth = authenticate(req, fault);
    if (!('username' in auth)) return auth;
    const user = users.get(auth.username)!;

    switch (path) {
      case '/logout':
        tokens.delete(auth.token);
        return json(200, { status_code: 200, description: 'User logged out successfully' });
      case '/setting/reset_pass': {
        const password = body.password;
        if (typeof password !== 'string' || password.length < 8) return json(422, { status_code: 422, description: 'password filed is required.' });
        user.password = password;
        return json(200, { status_code: 200, description: 'success.' });
      }
      case '/q/agent-balance':
        return envelope(200, { description: 'Success.', data: { balance: user.balance } });
      case '/q/weta-offer': {
        const problem = mobileError(body.mobile, [10, 12]);
        if (problem) return invalid([problem]);
        const mobile = body.mobile as string;
        return envelope(200, {
          description: 'Success.',
          data: offersFor(mobile).map((o) => ({
            code: o.code,
            telecom_company: o.company,
            category: mobile.length === 10 ? 'Line' : 'Mobile',
            amount_sent: o.amount,
            WETA_offer: [{ extra_balance: `${o.extra}%` }],
            processing_fees: '10%',
            // The document leaves total_cost as "XYZ"; here it is what the bill charges, as text.
            total_cost: String(o.amount),
            recevied: Math.round((o.amount * (100 + o.extra)) / 100),
          })),
        });
      }
      case '/bill/weta-offer':
        return bill(user, body, fault);
      case '/q/applied-backage': {
        const problem = mobileError(body.mobile, [12]);
        if (problem) return invalid([problem]);
        if (companyOf(body.mobile as string) !== 'Yemen Mobile') return invalid(['The mobile must be a Yemen Mobile number.']);
        return envelope(200, {
          description: 'Success.',
          data: { offers: [{ offerId: 'P400001', offerName: 'Internet', offerStartDate: '20131110171807', offerEndDate: '20991231235959' }] },
        });
      }
      case '/q/balance': {
        const messages: string[] = [];
        const problem = mobileError(body.mobile, [12]);
        if (problem) messages.push(problem);
        const type = body.type ?? body.methode;
        if (type !== 'prepaid' && type !== 'postpaid') messages.push('the type field is required.');
        if (messages.length > 0) return invalid(messages);
        return envelope(200, { description: 'Success.', data: { mobile_type: type === 'postpaid' ? '1' : '0', availableCredit: '42.57', balance: '42.57' } });
      }
      case '/q/adsl-line': {
        const problem = mobileError(body.mobile, [10]);
        const parsed = adslLineRequestSchema.safeParse(body);
        if (problem || !parsed.success) return invalid([problem ?? 'the type field is required.']);
        // Only the methods table names this call; its answer here mirrors /q/balance.
        return envelope(200, { description: 'Success.', data: { type: parsed.data.type, availableCredit: '1500.50', balance: '1500.50' } });
      }
      case '/q/solfa': {
        const problem = mobileError(body.mobile, [12]);
        if (problem) return invalid([problem]);
        if (companyOf(body.mobile as string) !== 'Yemen Mobile') return invalid(['The mobile must be a Yemen Mobile number.']);
        const hasLoan = (body.mobile as string).endsWith('1');
        return envelope(200, { description: 'Success.', data: hasLoan ? { RESULTCODE: '1', RESULTDESC: 'HAS_SOLFA' } : { RESULTCODE: '0', RESULTDESC: 'UNKOWN_STATUS' } });
      }
      case '/q/status': {
        const messages: string[] = [];
        const problem = mobileError(body.mobile, [10, 12]);
        if (problem) messages.push(problem);
        if (body.trans_id === undefined) messages.push('the trans id field is required.');
        else if (typeof body.trans_id !== 'number' || !Number.isInteger(body.trans_id)) messages.push('The trans id must be an integer.');
        if (messages.length > 0) return invalid(messages);
        const tx = transactions.get(txKey(user.username, body.trans_id as number));
        // Decision: an unknown trans_id is a 404 (the document shows no such answer).
        if (!tx) return envelope(404);
        const s = statusOfTransaction(tx);
        return envelope(200, { description: 'Success.', data: { isDone: s.isDone, isBan: s.isBan, mobile: tx.mobile, reason: s.reason } });
      }
      default:
        return envelope(404);
    }
  }

  function bill(user: User, body: Record<string, unknown>, fault: WetaFault | undefined): Answer {
    const messages: string[] = [];
    if (body.mobile === undefined) messages.push('The mobile field is required.');
    if (body.trans_id === undefined) messages.push('The trans id field is required.');
    if (body.code === undefined) messages.push('The code field is required.');
    if (body.type === undefined) messages.push('The type field is required.');
    if (messages.length > 0) return invalid(messages);
    const parsed = billRequestSchema.safeParse(body);
    const problem = mobileError(body.mobile, [10, 12]);
    if (problem) return invalid([problem]);
    if (!parsed.success) {
      const problems: string[] = [];
      if (typeof body.trans_id !== 'number' || !Number.isInteger(body.trans_id)) problems.push('The trans id must be an integer.');
      if (!['prepaid', 'postpaid', 'line', 'adsl'].includes(body.type as string)) problems.push('The selected type is invalid.');
      if (typeof body.code !== 'string') problems.push('The code must be a string.');
      return invalid(problems.length > 0 ? problems : ['unprocessable entity.']);
    }
    const req = parsed.data;
    const expectedTypes = req.mobile.length === 12 ? ['prepaid', 'postpaid'] : ['line', 'adsl'];
    if (!expectedTypes.includes(req.type)) return invalid([`The type must be one of ${expectedTypes.join(', ')}.`]);
    if (transactions.has(txKey(user.username, req.trans_id))) {
      return envelope(409, { data: ['The trans id has already been taken.'] });
    }
    if (fault?.kind === 'api_error') return apiError(fault.code, fault.httpStatus);
    const offer = offersFor(req.mobile).find((o) => o.code === req.code);
    if (!offer) return apiError(1003);
    if (user.balance < offer.amount) return apiError(1000);

    user.balance -= offer.amount;
    const pending = fault?.kind === 'pending';
    const tx: Transaction = {
      username: user.username,
      transId: req.trans_id,
      mobile: req.mobile,
      code: req.code,
      type: req.type,
      amount: offer.amount,
      state: pending ? 'pending' : 'done',
      checksLeft: pending ? fault.checks : 0,
      then: pending ? fault.then : 'succeeded',
      reason: pending ? (fault.reason ?? 400) : null,
    };
    transactions.set(txKey(user.username, req.trans_id), tx);
    entries.push({ username: user.username, transId: req.trans_id, mobile: req.mobile, code: req.code, amount: offer.amount, kind: 'charge' });

    if (fault?.kind === 'drop_after_charge') return { destroy: true };
    if (fault?.kind === 'malformed_json') return { status: 200, text: '{"status_code": 200, "description": "Success.", "data": [{"status_code": 2' };
    return envelope(200, {
      description: 'Success.',
      data: [
        {
          status_code: pending ? 202 : 200,
          description: pending ? 'In progress.' : 'Success.',
          data: {
            trans_id: req.trans_id,
            sent_amount: offer.amount,
            recevied: Math.round((offer.amount * (100 + offer.extra)) / 100),
            processing_fees: '10%',
            price: String(offer.amount),
            remain_amount: String(user.balance),
            Operator: offer.company,
          },
        },
      ],
    });
  }

  function reply(res: ServerResponse, answer: Answer) {
    if ('destroy' in answer) {
      res.socket?.destroy();
      return;
    }
    const text = 'text' in answer ? answer.text : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      let unreadable = false;
      if (rawBody.trim() !== '') {
        try {
          const parsed: unknown = JSON.parse(rawBody);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
          else unreadable = true;
        } catch {
          unreadable = true;
        }
      }
      const path = url.pathname.startsWith('/api/') ? url.pathname.slice(4) : url.pathname;
      observe?.request?.({ method: req.method ?? '', path, headers: { ...req.headers }, body: unreadable ? rawBody : body, rawBody });
      let answer: Answer;
      let fault: WetaFault | undefined;
      if (!url.pathname.startsWith('/api/')) answer = envelope(404);
      else if (req.method !== 'POST') answer = envelope(405);
      else if (tooLarge) answer = envelope(413);
      else if (unreadable) answer = envelope(400);
      else {
        fault = faults?.faultFor(path);
        const agent = path === '/bill/weta-offer' && typeof req.headers.authorization === 'string' ? tokens.get(req.headers.authorization.slice(7))?.username : undefined;
        if (agent && faults?.oneBillAtATime() && (billsInFlight.get(agent) ?? 0) > 0) answer = apiError(1001);
        else answer = route(req, path, body, fault);
        if (agent) {
          billsInFlight.set(agent, (billsInFlight.get(agent) ?? 0) + 1);
          res.on('close', () => billsInFlight.set(agent, (billsInFlight.get(agent) ?? 1) - 1));
        }
      }
      const delay = (faults?.latencyMs() ?? 0) + (fault?.kind === 'latency' ? fault.ms : 0);
      if (delay > 0) setTimeout(() => reply(res, answer), delay);
      else reply(res, answer);
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api`,
    ledger,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

