// The Weta client against its simulator over real HTTP on 127.0.0.1, section by section of
// Weta's API document (docs/providers-weta.md), then the fault knobs the sale engine relies on (fix delay, error codes).
import { afterEach, describe, expect, it } from 'vitest';
import { createWetaProvider, type WetaProvider } from '../../../electron/providers/weta/client';
import { startWetaSimulator, type WetaSimulator, type WetaSimulatorOptions } from '../../harness/simulator-faults/weta';
import type { Logger, PayOutcome, SubscriberNumber } from '../../../electron/providers/provider';
import type { ApiErrorCode } from '../../../electron/providers/weta/wire';

const PASSWORD = 'agent-pass-2026';
const YM: SubscriberNumber = { national: '771234567', network: 'yemen_mobile' };
const SABAFON: SubscriberNumber = { national: '711234567', network: 'sabafon' };
const LINE: SubscriberNumber = { national: '1234567', network: 'landline' };
const ADSL: SubscriberNumber = { national: '1234567', network: 'adsl' };

type Harness = {
  sim: WetaSimulator;
  provider: WetaProvider;
  clock: { t: number };
  logs: string[];
  creds: { username: string; password: string } | null;
  posts(path: string): Array<{ body: unknown; headers: Record<string, unknown>; rawBody: string }>;
};

const open: WetaSimulator[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(options: { timeoutMs?: number; sim?: WetaSimulatorOptions; creds?: Harness['creds'] } = {}): Promise<Harness> {
  const clock = { t: Date.UTC(2026, 10, 23, 9, 0, 0) };
  const sim = await startWetaSimulator({
    seed: 42,
    now: () => clock.t,
    users: [{ username: 'agent', password: PASSWORD, balance: 100_000 }],
    ...options.sim,
  });
  open.push(sim);
  const logs: string[] = [];
  const sink = (level: string) => (message: string, fields?: Record<string, unknown>) => logs.push(JSON.stringify({ level, message, fields }));
  const log: Logger = { info: sink('info'), warn: sink('warn'), error: sink('error') };
  const h: Harness = {
    sim,
    clock,
    logs,
    creds: options.creds === undefined ? { username: 'agent', password: PASSWORD } : options.creds,
    provider: undefined as unknown as WetaProvider,
    posts: (path) => sim.requests.filter((r) => r.path === path && r.method === 'POST'),
  };
  h.provider = createWetaProvider({
    baseUrl: sim.url,
    now: () => clock.t,
    timeoutMs: options.timeoutMs ?? 2_000,
    credentials: async () => h.creds,
    log,
  });
  return h;
}

async function rawPost(sim: WetaSimulator, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function tokenFor(sim: WetaSimulator, password = PASSWORD): Promise<string> {
  const { body } = await rawPost(sim, '/login', { username: 'agent', password });
  return body.token as string;
}

const offer = (code: string) => ({ kind: 'offer' as const, code });
let nextTx = 1_700_000_000_000;
const txId = () => String(nextTx++);

describe('register', () => {
  it('201 created: the document example registers an account that can then log in', async () => {
    const h = await harness();
    const result = await h.provider.register({
      name: 'customer first, meddle and last name',
      username: 'customer_username',
      email: 'customer_email@mile.com',
      mobile: '967771234567',
      password: 'customer password',
      password_confirmation: 'customer password',
    });
    expect(result.ok && result.value).toMatchObject({ username: 'customer_username', mobile: '967771234567', balance: 0, balance_type: 'prepaid' });
    const login = await rawPost(h.sim, '/login', { username: 'customer_username', password: 'customer password' });
    expect(login.status).toBe(200);
  });

  it('422 unprocessable entity: every missing field named in the data array', async () => {
    const h = await harness();
    const raw = await rawPost(h.sim, '/register', {});
    expect(raw).toEqual({
      status: 422,
      body: {
        status_code: 422,
        description: 'unprocessable entity.',
        data: [
          'The name field is required.',
          'The username field is required.',
          'The email field is required.',
          'The password field is required.',
          'The password confirmation field is required.',
          'The mobile field is required.',
        ],
      },
    });
    const taken = await h.provider.register({ name: 'n', username: 'agent', email: 'e@x.y', mobile: '967771234567', password: 'password1', password_confirmation: 'password1' });
    expect(taken.ok).toBe(false);
    if (!taken.ok) {
      expect(taken.error.code).toBe('provider.invalid_parameters');
      expect(taken.error.message).toContain('The username has already been taken.');
    }
  });
});

describe('login', () => {
  it('200 success: a bearer token with exp_date (epoch seconds, 1440 minutes ahead), reused until near expiry', async () => {
    const h = await harness();
    const login = await h.provider.login();
    expect(login).toEqual({ ok: true, value: { expiresAt: h.clock.t + 1440 * 60_000 } });
    await h.provider.agentBalance();
    await h.provider.agentBalance();
    expect(h.posts('/login')).toHaveLength(1);
    expect(h.posts('/login')[0]!.body).toEqual({ username: 'agent', password: PASSWORD });
    // 30 s before exp_date the session is renewed before the next call rather than risked.
    h.clock.t += 1440 * 60_000 - 30_000;
    await h.provider.agentBalance();
    expect(h.posts('/login')).toHaveLength(2);
  });

  it('the document example body spells the key "password:"; the simulator accepts it as written', async () => {
    const h = await harness();
    const raw = await rawPost(h.sim, '/login', { username: 'agent', 'password:': PASSWORD });
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({ status_code: 200, description: 'Success.', exp_date: expect.any(Number), token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
  });

  it('401 authentication failure → provider.auth_failed; 422 → auth_failed; no credentials → not_configured', async () => {
    const h = await harness();
    expect(await rawPost(h.sim, '/login', { username: 'agent', password: 'wrong-password' })).toEqual({
      status: 401,
      body: { status_code: 401, description: 'Authentication failure.' },
    });
    expect(await rawPost(h.sim, '/login', {})).toEqual({
      status: 422,
      body: { status_code: 422, description: 'unprocessable entity.', data: ['the username field is required.', 'the password field is required.'] },
    });
    h.creds = { username: 'agent', password: 'wrong-password' };
    const wrong = await h.provider.login();
    expect(!wrong.ok && wrong.error.code).toBe('provider.auth_failed');
    h.creds = null;
    const none = await h.provider.login();
    expect(!none.ok && none.error.code).toBe('provider.not_configured');
  });

  it('concurrent calls share one login', async () => {
    const h = await harness();
    const results = await Promise.all([h.provider.agentBalance(), h.provider.offers(YM), h.provider.agentBalance()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.posts('/login')).toHaveLength(1);
  });
});

describe('query weta offer', () => {
  it('200 success: offers for a 12-digit mobile, with price and what is received; the wire carries the bearer and mobile', async () => {
    const h = await harness();
    const result = await h.provider.offers(YM);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(6);
    expect(result.value[0]).toEqual({ code: '1', name: 'Yemen Mobile 600', price: { minor: 60_000, currency: 'YER' }, receives: '660 (+10%)' });
    const [request] = h.posts('/q/weta-offer');
    expect(request!.headers.authorization).toBe(`Bearer ${h.sim.issuedTokens[0]}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toEqual({ mobile: '967771234567' });
  });

  it('a 10-digit line number gets the TeleYemen - Line offers of the document', async () => {
    const h = await harness();
    const result = await h.provider.offers(LINE);
    expect(result.ok && result.value.map((o) => [o.code, o.name, o.receives])).toEqual([
      ['1', 'TeleYemen - Line 600', '660 (+10%)'],
      ['2', 'TeleYemen - Line 1410', '1692 (+20%)'],
      ['3', 'TeleYemen - Line 2000', '2600 (+30%)'],
      ['4', 'TeleYemen - Line 2500', '3375 (+35%)'],
      ['5', 'TeleYemen - Line 5000', '8000 (+60%)'],
      ['6', 'TeleYemen - Line 10000', '17000 (+70%)'],
    ]);
    expect(h.posts('/q/weta-offer')[0]!.body).toEqual({ mobile: '9671234567' });
  });

  it('401 authentication failure: the body key is "message " with a trailing space', async () => {
    const h = await harness();
    const raw = await rawPost(h.sim, '/q/weta-offer', { mobile: '967771234567' });
    expect(raw).toEqual({ status: 401, body: { 'message ': 'Token not provided', status_code: 401 } });
  });

  it('422 unprocessable entity: the mobile field is required', async () => {
    const h = await harness();
    const raw = await rawPost(h.sim, '/q/weta-offer', {}, await tokenFor(h.sim));
    expect(raw.body).toEqual({ status_code: 422, description: 'unprocessable entity.', data: ['The mobile field is required.'] });
  });

  it('quote finds the offer price; an unknown code is invalid_offer; other products and the catalogue are unsupported', async () => {
    const h = await harness();
    expect(await h.provider.quote(LINE, offer('5'))).toEqual({ ok: true, value: { price: { minor: 500_000, currency: 'YER' }, note: '8000 (+60%)' } });
    const missing = await h.provider.quote(LINE, offer('99'));
    expect(!missing.ok && missing.error.code).toBe('provider.invalid_offer');
    const amount = await h.provider.quote(YM, { kind: 'amount', amount: { minor: 100, currency: 'YER' } });
    expect(!amount.ok && amount.error.code).toBe('provider.unsupported');
    const catalogue = await h.provider.catalogue();
    expect(!catalogue.ok && catalogue.error.code).toBe('provider.unsupported');
    expect(h.provider.supports('yemen_mobile', 'offer')).toBe(true);
    expect(h.provider.supports('adsl', 'offer')).toBe(true);
    expect(h.provider.supports('yemen_mobile', 'amount')).toBe(false);
    expect(h.provider.supports('sabafon', 'game')).toBe(false);
    expect(h.provider.supports('yemen_4g', 'offer')).toBe(false);
    expect(h.provider.supports('sabafon', 'loan')).toBe(false);
  });
});

describe('billing weta offer', () => {
  it('200 success: charged once, price and remaining agent balance read from the nested answer', async () => {
    const h = await harness();
    const id = txId();
    const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('1'), subscriberType: 'postpaid' });
    expect(outcome).toMatchObject({ state: 'succeeded', providerRef: id, price: { minor: 60_000, currency: 'YER' }, agentBalance: { minor: 9_940_000, currency: 'YER' } });
    expect(outcome.raw?.status).toBe(200);
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(1);
    expect(h.sim.ledger.balanceOf('agent')).toBe(99_400);
  });

  it('the wire: Bearer header, trans_id a JSON integer, 12-digit mobile with prepaid/postpaid, 10-digit with line/adsl', async () => {
    const h = await harness();
    const a = txId();
    const b = txId();
    const c = txId();
    await h.provider.pay({ txId: a, number: SABAFON, product: offer('2') });
    await h.provider.pay({ txId: b, number: LINE, product: offer('1') });
    await h.provider.pay({ txId: c, number: ADSL, product: offer('1') });
    const bills = h.posts('/bill/weta-offer');
    expect(bills.map((r) => r.body)).toEqual([
      { mobile: '967711234567', trans_id: Number(a), code: '2', type: 'prepaid' },
      { mobile: '9671234567', trans_id: Number(b), code: '1', type: 'line' },
      { mobile: '9671234567', trans_id: Number(c), code: '1', type: 'adsl' },
    ]);
    expect(bills[0]!.rawBody).toContain(`"trans_id":${a},`);
    expect(bills.every((r) => r.headers.authorization === `Bearer ${h.sim.issuedTokens[0]}`)).toBe(true);
  });

  it('a reused trans_id is refused (409) and charged only once', async () => {
    const h = await harness();
    const id = txId();
    expect((await h.provider.pay({ txId: id, number: YM, product: offer('1') })).state).toBe('succeeded');
    const again = await h.provider.pay({ txId: id, number: YM, product: offer('2') });
    expect(again).toMatchObject({ state: 'failed', error: { code: 'provider.duplicate_transaction' } });
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(1);
  });

  it('422 unprocessable entity: the document list of required fields; a string trans_id is refused', async () => {
    const h = await harness();
    const token = await tokenFor(h.sim);
    expect((await rawPost(h.sim, '/bill/weta-offer', {}, token)).body).toEqual({
      status_code: 422,
      description: 'unprocessable entity.',
      data: ['The mobile field is required.', 'The trans id field is required.', 'The code field is required.', 'The type field is required.'],
    });
    const stringId = await rawPost(h.sim, '/bill/weta-offer', { mobile: '967771234567', trans_id: '5', code: '1', type: 'prepaid' }, token);
    expect(stringId.status).toBe(422);
    const wrongType = await rawPost(h.sim, '/bill/weta-offer', { mobile: '9671234567', trans_id: 5, code: '1', type: 'prepaid' }, token);
    expect(wrongType.status).toBe(422);
    expect(h.sim.ledger.entries).toHaveLength(0);
  });

  it('401 on a payment: failed with provider.session_expired, not charged, not re-sent', async () => {
    const h = await harness();
    await h.provider.login();
    h.sim.knobs.next('/bill/weta-offer', { kind: 'token_expired' });
    const id = txId();
    const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('1') });
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'provider.session_expired' } });
    expect(h.posts('/bill/weta-offer')).toHaveLength(1);
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(0);
    // The next sale logs in afresh.
    expect((await h.provider.pay({ txId: txId(), number: YM, product: offer('1') })).state).toBe('succeeded');
    expect(h.posts('/login')).toHaveLength(2);
  });

  it('a token near its exp_date is renewed before paying, never during', async () => {
    const h = await harness({ sim: { tokenTtlMinutes: 10 } });
    await h.provider.login();
    h.clock.t += 10 * 60_000 - 20_000;
    expect((await h.provider.pay({ txId: txId(), number: YM, product: offer('1') })).state).toBe('succeeded');
    expect(h.sim.requests.map((r) => r.path)).toEqual(['/login', '/login', '/bill/weta-offer']);
  });

  it('invalid input never reaches the wire: non-integer txId, non-offer product, 4G number', async () => {
    const h = await harness();
    expect((await h.provider.pay({ txId: 'abc', number: YM, product: offer('1') })).error?.code).toBe('input.invalid');
    expect((await h.provider.pay({ txId: txId(), number: YM, product: { kind: 'units', units: 5 } })).error?.code).toBe('provider.unsupported');
    expect((await h.provider.pay({ txId: txId(), number: { national: '10123456', network: 'yemen_4g' }, product: offer('1') })).error?.code).toBe('provider.unsupported');
    expect((await h.provider.pay({ txId: txId(), number: { national: '12345678', network: 'landline' }, product: offer('1') })).error?.code).toBe('input.invalid_number');
    expect(h.posts('/bill/weta-offer')).toHaveLength(0);
  });
});

describe('query applied backage', () => {
  it('200 success: the document offer list for a Yemen Mobile number', async () => {
    const h = await harness();
    const result = await h.provider.query(YM, 'offers');
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'offers',
        lines: [{ label: 'P400001', value: 'Internet' }],
        offers: [{ id: 'P400001', name: 'Internet', start: '20131110171807', end: '20991231235959' }],
      },
    });
    expect(h.posts('/q/applied-backage')[0]!.body).toEqual({ mobile: '967771234567' });
  });

  it('only Yemen Mobile: another network is unsupported without a call; 422 without mobile', async () => {
    const h = await harness();
    const result = await h.provider.query(SABAFON, 'offers');
    expect(!result.ok && result.error.code).toBe('provider.unsupported');
    expect(h.posts('/q/applied-backage')).toHaveLength(0);
    expect((await rawPost(h.sim, '/q/applied-backage', {}, await tokenFor(h.sim))).body).toMatchObject({ status_code: 422, data: ['The mobile field is required.'] });
  });
});

describe('query balance', () => {
  it('200 success: availableCredit "42.57" as money, mobile_type "0" as prepaid; type and methode both sent', async () => {
    const h = await harness();
    const result = await h.provider.query(YM, 'balance');
    expect(result.ok && result.value.balance).toEqual({ text: '42.57', amount: { minor: 4257, currency: 'YER' } });
    expect(result.ok && result.value.lines).toContainEqual({ label: 'type', value: 'prepaid' });
    expect(h.posts('/q/balance')[0]!.body).toEqual({ mobile: '967771234567', type: 'prepaid', methode: 'prepaid' });
    const post = await h.provider.mobileBalance(YM, 'postpaid');
    expect(post.ok && post.value.lines).toContainEqual({ label: 'type', value: 'postpaid' });
  });

  it('422: mobile and type required', async () => {
    const h = await harness();
    expect((await rawPost(h.sim, '/q/balance', {}, await tokenFor(h.sim))).body).toEqual({
      status_code: 422,
      description: 'unprocessable entity.',
      data: ['The mobile field is required.', 'the type field is required.'],
    });
  });

  it('/q/adsl-line (methods table only): body {mobile, type} for a 10-digit line or ADSL', async () => {
    const h = await harness();
    const result = await h.provider.query(ADSL, 'balance');
    expect(result.ok && result.value.balance).toEqual({ text: '1500.50', amount: { minor: 150_050, currency: 'YER' } });
    expect(h.posts('/q/adsl-line')[0]!.body).toEqual({ mobile: '9671234567', type: 'adsl' });
  });
});

describe('query solfa', () => {
  it('200 success: RESULTCODE "0" / UNKOWN_STATUS is no loan; "1" is a loan', async () => {
    const h = await harness();
    const none = await h.provider.query(YM, 'loan');
    expect(none.ok && none.value.loan).toEqual({ hasLoan: false, text: 'UNKOWN_STATUS' });
    const some = await h.provider.query({ national: '771234561', network: 'yemen_mobile' }, 'loan');
    expect(some.ok && some.value.loan).toEqual({ hasLoan: true, text: 'HAS_SOLFA' });
    expect(h.posts('/q/solfa')[0]!.body).toEqual({ mobile: '967771234567' });
  });
});

describe('query agent balance', () => {
  it('200 success: the balance, lowered by each charge', async () => {
    const h = await harness();
    expect(await h.provider.agentBalance()).toEqual({ ok: true, value: { minor: 10_000_000, currency: 'YER' } });
    await h.provider.pay({ txId: txId(), number: YM, product: offer('3') });
    expect(await h.provider.agentBalance()).toEqual({ ok: true, value: { minor: 9_800_000, currency: 'YER' } });
    expect(h.posts('/q/agent-balance')[0]!.rawBody).toBe('');
  });
});

describe('query operator status', () => {
  it('isDone 1 → succeeded; the wire carries trans_id as an integer and the sale number', async () => {
    const h = await harness();
    const id = txId();
    await h.provider.pay({ txId: id, number: YM, product: offer('1') });
    expect(await h.provider.status({ txId: id, number: YM })).toMatchObject({ state: 'succeeded', providerRef: id });
    expect(h.posts('/q/status')[0]!.body).toEqual({ trans_id: Number(id), mobile: '967771234567' });
  });

  it('isDone 0, isBan 0 → pending for N checks, then isDone 1 → succeeded', async () => {
    const h = await harness();
    const id = txId();
    h.sim.knobs.next('/bill/weta-offer', { kind: 'pending', checks: 2, then: 'succeeded' });
    expect((await h.provider.pay({ txId: id, number: YM, product: offer('1') })).state).toBe('pending');
    expect((await h.provider.status({ txId: id, number: YM })).state).toBe('pending');
    expect((await h.provider.status({ txId: id, number: YM })).state).toBe('pending');
    expect((await h.provider.status({ txId: id, number: YM })).state).toBe('succeeded');
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(1);
  });

  it('isDone 0, isBan 1 → failed with the reason kept (the document example), and the charge returned', async () => {
    const h = await harness();
    const id = txId();
    h.sim.knobs.next('/bill/weta-offer', { kind: 'pending', checks: 0, then: 'failed', reason: 400 });
    await h.provider.pay({ txId: id, number: YM, product: offer('1') });
    const s = await h.provider.status({ txId: id, number: YM });
    expect(s).toMatchObject({ state: 'failed', error: { code: 'provider.rejected', params: { reason: '400' } } });
    expect(JSON.parse(s.raw!.body)).toEqual({ status_code: 200, description: 'Success.', data: { isDone: 0, isBan: 1, mobile: '967771234567', reason: 400 } });
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(0);
    expect(h.sim.ledger.balanceOf('agent')).toBe(100_000);
  });

  it('an unknown trans_id → 404 → not_found; 422 names the missing fields', async () => {
    const h = await harness();
    expect((await h.provider.status({ txId: txId(), number: YM })).state).toBe('not_found');
    expect((await rawPost(h.sim, '/q/status', {}, await tokenFor(h.sim))).body).toEqual({
      status_code: 422,
      description: 'unprocessable entity.',
      data: ['The mobile field is required.', 'the trans id field is required.'],
    });
  });
});

describe('reset password', () => {
  it('200 success: the new password logs in, the old one no longer does', async () => {
    const h = await harness();
    expect(await h.provider.resetPassword('brand-new-pass-1')).toEqual({ ok: true, value: undefined });
    expect(h.posts('/setting/reset_pass')[0]!.body).toEqual({ password: 'brand-new-pass-1' });
    expect((await rawPost(h.sim, '/login', { username: 'agent', password: PASSWORD })).status).toBe(401);
    expect((await rawPost(h.sim, '/login', { username: 'agent', password: 'brand-new-pass-1' })).status).toBe(200);
  });

  it('422: "password filed is required." without a data array → invalid_parameters', async () => {
    const h = await harness();
    const result = await h.provider.resetPassword('');
    expect(!result.ok && result.error).toMatchObject({ code: 'provider.invalid_parameters', message: expect.stringContaining('password filed is required.') });
  });
});

describe('logout', () => {
  it('200 success: the token is ended at the server; the next call logs in again', async () => {
    const h = await harness();
    await h.provider.login();
    const token = h.sim.issuedTokens[0]!;
    expect(await h.provider.logout()).toEqual({ ok: true, value: undefined });
    expect(h.posts('/logout')[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(await rawPost(h.sim, '/q/agent-balance', undefined, token)).toEqual({ status: 401, body: { 'message ': 'Token is invalid', status_code: 401 } });
    expect((await h.provider.agentBalance()).ok).toBe(true);
    expect(h.posts('/login')).toHaveLength(2);
  });
});

describe('error codes', () => {
  const expected: Record<ApiErrorCode, string> = {
    1000: 'provider.insufficient_balance',
    1001: 'provider.busy',
    1002: 'provider.invalid_amount',
    1003: 'provider.invalid_offer',
    1004: 'provider.account_not_found',
    1005: 'provider.rejected',
  };
  for (const [code, ours] of Object.entries(expected)) {
    it(`API error ${code} → ${ours}: a bill fails uncharged, a query fails with the same code`, async () => {
      const h = await harness();
      const id = txId();
      h.sim.knobs.next('/bill/weta-offer', { kind: 'api_error', code: Number(code) as ApiErrorCode });
      const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('1') });
      expect(outcome).toMatchObject({ state: 'failed', error: { code: ours } });
      expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(0);
      h.sim.knobs.next('/q/agent-balance', { kind: 'api_error', code: Number(code) as ApiErrorCode, httpStatus: 400 });
      const query = await h.provider.agentBalance();
      expect(!query.ok && query.error.code).toBe(ours);
    });
  }

  it('1001 arises when a second bill arrives while the first is still being answered (oneBillAtATime)', async () => {
    const h = await harness();
    await h.provider.login();
    h.sim.knobs.oneBillAtATime = true;
    h.sim.knobs.next('/bill/weta-offer', { kind: 'latency', ms: 150 });
    const [first, second] = await Promise.all([
      h.provider.pay({ txId: txId(), number: YM, product: offer('1') }),
      new Promise<PayOutcome>((resolve) => setTimeout(() => resolve(h.provider.pay({ txId: txId(), number: YM, product: offer('1') })), 40)),
    ]);
    expect(first.state).toBe('succeeded');
    expect(second).toMatchObject({ state: 'failed', error: { code: 'provider.busy' } });
    expect((await h.provider.pay({ txId: txId(), number: YM, product: offer('1') })).state).toBe('succeeded');
    expect(h.sim.ledger.entries).toHaveLength(2);
  });

  it('1000 arises from the ledger itself when the agent balance is short', async () => {
    const h = await harness({ sim: { users: [{ username: 'agent', password: PASSWORD, balance: 1000 }] } });
    const outcome = await h.provider.pay({ txId: txId(), number: YM, product: offer('2') });
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'provider.insufficient_balance' } });
    expect(h.sim.ledger.balanceOf('agent')).toBe(1000);
  });

  const refusals: Array<[number, string]> = [
    [400, 'provider.invalid_parameters'],
    [403, 'provider.forbidden'],
    [404, 'provider.not_found'],
    [405, 'provider.request_refused'],
    [411, 'provider.request_refused'],
    [412, 'provider.request_refused'],
    [413, 'provider.request_refused'],
    [416, 'provider.request_refused'],
    [422, 'provider.invalid_parameters'],
  ];
  it('HTTP refusals of the table (400, 403, 404, 405, 411, 412, 413, 416, 422) fail a bill uncharged with their code', async () => {
    const h = await harness();
    for (const [status, code] of refusals) {
      h.sim.knobs.next('/bill/weta-offer', { kind: 'http_status', status });
      const outcome = await h.provider.pay({ txId: txId(), number: YM, product: offer('1') });
      expect([status, outcome.state, outcome.error?.code]).toEqual([status, 'failed', code]);
      h.sim.knobs.next('/q/weta-offer', { kind: 'http_status', status });
      const query = await h.provider.offers(YM);
      expect([status, !query.ok && query.error.code]).toEqual([status, code]);
    }
    expect(h.sim.ledger.entries).toHaveLength(0);
  });

  it('409 on a query → provider.conflict; 5xx on a query → server_error / unavailable', async () => {
    const h = await harness();
    h.sim.knobs.next('/q/weta-offer', { kind: 'http_status', status: 409 });
    const conflict = await h.provider.offers(YM);
    expect(!conflict.ok && conflict.error.code).toBe('provider.conflict');
    for (const [status, code] of [[500, 'provider.server_error'], [503, 'provider.unavailable']] as const) {
      h.sim.knobs.next('/q/agent-balance', { kind: 'server_error', status });
      const result = await h.provider.agentBalance();
      expect(!result.ok && result.error.code).toBe(code);
    }
  });

  it('5xx on a bill → unknown (never re-sent); the status call then finds nothing charged', async () => {
    const h = await harness();
    for (const status of [500, 502, 503]) {
      const id = txId();
      h.sim.knobs.next('/bill/weta-offer', { kind: 'server_error', status });
      const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('1') });
      expect(outcome.state).toBe('unknown');
      expect(outcome.raw?.status).toBe(status);
      expect((await h.provider.status({ txId: id, number: YM })).state).toBe('not_found');
    }
    expect(h.posts('/bill/weta-offer')).toHaveLength(3);
  });
});

describe('fix delay', () => {
  it('response dropped after the charge → unknown; status says succeeded; the ledger shows exactly one charge', async () => {
    const h = await harness();
    const id = txId();
    h.sim.knobs.next('/bill/weta-offer', { kind: 'drop_after_charge' });
    const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('4') });
    expect(outcome).toMatchObject({ state: 'unknown', error: { code: 'provider.unavailable' } });
    expect(await h.provider.status({ txId: id, number: YM })).toMatchObject({ state: 'succeeded' });
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(1);
    expect(h.posts('/bill/weta-offer')).toHaveLength(1);
  });

  it('malformed JSON after the charge → unknown with provider.bad_response and the raw body kept', async () => {
    const h = await harness();
    const id = txId();
    h.sim.knobs.next('/bill/weta-offer', { kind: 'malformed_json' });
    const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('1') });
    expect(outcome).toMatchObject({ state: 'unknown', error: { code: 'provider.bad_response' }, raw: { status: 200 } });
    expect(outcome.raw!.body).toContain('"data": [{"status_code": 2');
    expect((await h.provider.status({ txId: id, number: YM })).state).toBe('succeeded');
  });

  it('malformed JSON on a query → provider.bad_response keeping the raw body', async () => {
    const h = await harness();
    h.sim.knobs.next('/q/agent-balance', { kind: 'malformed_json' });
    const result = await h.provider.agentBalance();
    expect(!result.ok && result.error).toMatchObject({ code: 'provider.bad_response', params: { status: 200, raw: '{"status_code": 200, "description": "Succ' } });
  });

  it('latency beyond the time-out → unknown (provider.timeout); status then says succeeded, charged once', async () => {
    const h = await harness({ timeoutMs: 150 });
    await h.provider.login();
    const id = txId();
    h.sim.knobs.next('/bill/weta-offer', { kind: 'latency', ms: 400 });
    const started = Date.now();
    const outcome = await h.provider.pay({ txId: id, number: YM, product: offer('1') });
    expect(Date.now() - started).toBeLessThan(390);
    expect(outcome).toMatchObject({ state: 'unknown', error: { code: 'provider.timeout' } });
    expect((await h.provider.status({ txId: id, number: YM })).state).toBe('succeeded');
    expect(h.sim.ledger.chargesFor('agent', Number(id))).toBe(1);
    h.sim.knobs.latencyMs = 300;
    const slow = await h.provider.agentBalance();
    expect(!slow.ok && slow.error.code).toBe('provider.timeout');
  });

  it('token expiry on a query → one re-login and one retry, then success; twice → the 401 is returned', async () => {
    const h = await harness();
    await h.provider.login();
    h.sim.knobs.next('/q/weta-offer', { kind: 'token_expired' });
    expect((await h.provider.offers(YM)).ok).toBe(true);
    expect(h.posts('/login')).toHaveLength(2);
    expect(h.posts('/q/weta-offer')).toHaveLength(2);
    h.sim.knobs.next('/q/status', { kind: 'token_expired' });
    h.sim.knobs.next('/q/status', { kind: 'token_expired' });
    const s = await h.provider.status({ txId: txId(), number: YM });
    expect(s).toMatchObject({ state: 'unknown', error: { code: 'provider.session_expired' } });
    expect(h.posts('/login')).toHaveLength(3);
    expect(h.posts('/q/status')).toHaveLength(2);
  });

  it('a server that refuses connections: the bill was never sent → failed provider.unavailable', async () => {
    const h = await harness();
    await h.provider.login();
    await h.sim.close();
    open.length = 0;
    const outcome = await h.provider.pay({ txId: txId(), number: YM, product: offer('1') });
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'provider.unavailable' } });
  });

  it('seeded faults over 300 sales: every sale resolves, no trans_id charged twice, the ledger matches the outcomes', async () => {
    const h = await harness({ timeoutMs: 1_000, sim: { users: [{ username: 'agent', password: PASSWORD, balance: 10_000_000 }] } });
    h.sim.knobs.probability = { drop_after_charge: 0.05, server_error: 0.05, malformed_json: 0.05, token_expired: 0.05, pending_success: 0.05, pending_ban: 0.05, insufficient_balance: 0.03, api_error: 0.03 };
    h.sim.knobs.pendingChecks = 1;
    const deadline = Date.now() + 20_000;
    const final = new Map<string, 'succeeded' | 'failed'>();
    const counts = { succeeded: 0, failed: 0, pending: 0, unknown: 0 };
    for (let i = 0; i < 300 && Date.now() < deadline; i++) {
      const id = txId();
      const outcome: PayOutcome = await h.provider.pay({ txId: id, number: i % 2 ? YM : LINE, product: offer(String((i % 6) + 1)) });
      counts[outcome.state] += 1;
      let state: string = outcome.state;
      for (let check = 0; check < 5 && (state === 'pending' || state === 'unknown'); check++) {
        const s = await h.provider.status({ txId: id, number: i % 2 ? YM : LINE });
        state = s.state === 'not_found' ? 'failed' : s.state;
      }
      expect(['succeeded', 'failed']).toContain(state);
      final.set(id, state as 'succeeded' | 'failed');
    }
    expect(final.size).toBe(300);
    let charged = 0;
    for (const [id, state] of final) {
      const net = h.sim.ledger.chargesFor('agent', Number(id));
      expect([id, net]).toEqual([id, state === 'succeeded' ? 1 : 0]);
      charged += net;
    }
    const spent = h.sim.ledger.entries.reduce((sum, e) => sum + (e.kind === 'charge' ? e.amount : -e.amount), 0);
    expect(h.sim.ledger.balanceOf('agent')).toBe(10_000_000 - spent);
    expect(counts.unknown).toBeGreaterThan(0);
    expect(counts.pending).toBeGreaterThan(0);
    console.log(`weta fault run: ${JSON.stringify(counts)}, charged ${charged}, double charges 0, unresolved 0`);
  });
});

describe('secrets', () => {
  it('no password or token appears in any error message, outcome or log line', async () => {
    const h = await harness({ timeoutMs: 150 });
    const seen: string[] = [];
    const collect = (value: unknown) => seen.push(JSON.stringify(value));
    collect(await h.provider.login());
    for (const fault of [
      { kind: 'drop_after_charge' },
      { kind: 'malformed_json' },
      { kind: 'token_expired' },
      { kind: 'server_error' },
      { kind: 'api_error', code: 1005 },
      { kind: 'latency', ms: 300 },
    ] as const) {
      h.sim.knobs.next('/bill/weta-offer', fault);
      collect(await h.provider.pay({ txId: txId(), number: YM, product: offer('1') }));
    }
    h.sim.knobs.next('/q/weta-offer', { kind: 'malformed_json' });
    collect(await h.provider.offers(YM));
    h.sim.knobs.next('/q/status', { kind: 'token_expired' });
    collect(await h.provider.status({ txId: txId(), number: YM }));
    collect(await h.provider.resetPassword('short'));
    h.creds = { username: 'agent', password: 'wrong-password-9' };
    await h.provider.logout();
    collect(await h.provider.login());
    collect(await h.provider.logout());
    const text = [...seen, ...h.logs].join('\n');
    expect(h.logs.length).toBeGreaterThan(10);
    expect(h.sim.issuedTokens.length).toBeGreaterThan(1);
    for (const secret of [PASSWORD, 'wrong-password-9', ...h.sim.issuedTokens]) expect(text).not.toContain(secret);
  });
});
