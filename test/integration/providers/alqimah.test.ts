// The Al-Qimah client against its simulator over real HTTP on 127.0.0.1, section by section of
// Al-Qimah's API document (docs/providers-alqimah.md), then every fault knob, the wire as the simulator saw it, and secrets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log';
import { createAlqimahProvider, type AlqimahDeps } from '../../../electron/providers/alqimah/client';
import { SIM_MESSAGES, startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { loginToken } from '../../../electron/providers/alqimah/token';
import type { PayRequest, SubscriberNumber } from '../../../electron/providers/provider';
import { money } from '../../../shared/money';
import { globalRequestSchema, loginRequestSchema, paymentRequestSchema, queryRequestSchema } from '../../../electron/providers/alqimah/wire';

let sim: AlqimahSimulator;
let logLines: string[];
let idSeq = 0;
const nextTx = () => String(9_000_000 + ++idSeq);

const ym: SubscriberNumber = { national: '777777777', network: 'yemen_mobile' };
const sabafon: SubscriberNumber = { national: '711234567', network: 'sabafon' };

function makeProvider(overrides: Partial<AlqimahDeps> = {}) {
  return createAlqimahProvider({
    baseUrl: sim.url,
    now: Date.now,
    timeoutMs: 2000,
    credentials: async () => ({ ...sim.account }),
    log: createLogger((line) => logLines.push(line)),
    ...overrides,
  });
}

const paymentsFor = (txId: string) => sim.requests.filter((r) => r.kind === 'payment' && (r.body as Record<string, unknown>).TransactionID === txId);
const logins = () => sim.requests.filter((r) => r.kind === 'login').length;

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}

beforeEach(async () => {
  sim = await startAlqimahSimulator({ seed: 7 });
  logLines = [];
});
afterEach(async () => {
  await sim.close();
});

describe('Generate Login Token / Login', () => {
  it('logs in with md5(UserName + AccountNumber + md5(Password) + APIToken) and gets a session', async () => {
    const p = makeProvider();
    const r = await p.login();
    expect(r.ok).toBe(true);
    const req = sim.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: '/rest-api/login' });
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.body).toEqual({ AccountNumber: sim.account.accountNumber, UserName: sim.account.userName, Token: loginToken(sim.account) });
  });

  it('a wrong token is provider.auth_failed with the provider message', async () => {
    const p = makeProvider({ credentials: async () => ({ ...sim.account, password: 'wrong-password' }) });
    const r = await p.login();
    expect(r).toEqual({ ok: false, error: { code: 'provider.auth_failed', message: SIM_MESSAGES.loginFailed } });
    const b = await p.agentBalance();
    expect(!b.ok && b.error.code).toBe('provider.auth_failed');
  });

  it('missing credentials are provider.not_configured and nothing is sent', async () => {
    for (const credentials of [async () => null, async () => ({ userName: 'u', password: 'p', accountNumber: '1' })]) {
      const r = await makeProvider({ credentials }).agentBalance();
      expect(!r.ok && r.error.code).toBe('provider.not_configured');
    }
    expect(sim.requests).toHaveLength(0);
  });

  it('reads token_expires as Yemen time and renews the session before it runs out', async () => {
    let clock = Date.UTC(2024, 7, 5, 15, 31, 45); // 18:31:45 in Sana'a
    await sim.close();
    sim = await startAlqimahSimulator({ now: () => clock });
    const p = makeProvider({ now: () => clock });
    const r = await p.login();
    expect(r.ok && r.value.expiresAt).toBe(Date.UTC(2024, 7, 5, 16, 31, 45)); // "2024-08-05 19:31:45"
    await p.agentBalance();
    await p.agentBalance();
    expect(logins()).toBe(1); // reused
    clock += 60 * 60 * 1000 - 90_000; // 90 s before expiry: inside the renewal margin
    expect((await p.agentBalance()).ok).toBe(true);
    expect(logins()).toBe(2);
    expect(sim.requests.filter((q) => q.kind === 'global').every((q) => typeof q.headers['api-token'] === 'string')).toBe(true);
  });
});

describe('Global Operations', () => {
  it('Get Account Balance (0/1): money in YER minor units, api-token header, exact body', async () => {
    const p = makeProvider();
    expect(await p.agentBalance()).toEqual({ ok: true, value: money(10_000_000, 'YER') });
    const req = sim.requests.find((q) => q.kind === 'global')!;
    expect(req.path).toBe('/rest-api/');
    expect(req.headers['api-token']).toMatch(/^[0-9a-f]{48}$/);
    expect(req.body).toEqual({ NetworkNumber: 0, ServiceNumber: 1 });
  });

  it('Get Operation Status (0/2): succeeded, failed, pending and an unknown id as not_found with the message', async () => {
    const p = makeProvider();
    const ok1 = nextTx();
    await p.pay({ txId: ok1, number: ym, product: { kind: 'amount', amount: money(10_000) } });
    expect(await p.status({ txId: ok1, number: ym })).toMatchObject({ state: 'succeeded', message: 'جاهزة', price: money(10_000) });
    sim.knobs.failPayment.next = 1;
    const bad = nextTx();
    await p.pay({ txId: bad, number: ym, product: { kind: 'amount', amount: money(10_000) } });
    expect(await p.status({ txId: bad, number: ym })).toMatchObject({ state: 'failed', message: 'ملغية' });
    sim.knobs.pending.next = 1;
    sim.knobs.pending.checks = 5;
    const wait = nextTx();
    await p.pay({ txId: wait, number: ym, product: { kind: 'amount', amount: money(10_000) } });
    expect(await p.status({ txId: wait, number: ym })).toMatchObject({ state: 'pending', message: 'في الانتظار' });
    expect(await p.status({ txId: '424242', number: ym })).toMatchObject({ state: 'not_found', message: SIM_MESSAGES.notFound });
    const statusReq = sim.requests.filter((q) => q.kind === 'global').at(-1)!;
    expect(statusReq.body).toEqual({ NetworkNumber: 0, ServiceNumber: 2, TransactionID: '424242' });
  });

  it('Get Feed Clients Balance (0/3): the example vouchers as money with their currency text', async () => {
    const r = await makeProvider().feedVouchers();
    expect(r).toEqual({
      ok: true,
      value: [
        { date: '2024-08-03', amountText: '70000.00000', amount: money(7_000_000, 'YER'), currency: 'ريال يمني', notes: 'Notes' },
        { date: '2024-08-01', amountText: '100000.00000', amount: money(10_000_000, 'YER'), currency: 'ريال يمني', notes: 'Notes' },
      ],
    });
  });

  it('Get Games and Gift Cards Categories (0/4): catalogue items with USD price and YER local price', async () => {
    const r = await makeProvider().catalogue();
    expect(r.ok && r.value).toHaveLength(4);
    expect(r.ok && r.value[1]).toEqual({
      linkCode: 'pubg_120',
      service: 'شدات بوبجي - Pubg UC',
      name: 'شدات بوبجي ( 120 شدة )',
      units: 120,
      price: money(181, 'USD'),
      localPrice: money(99_550, 'YER'),
      allowFreeQuantity: false,
      minQuantity: 1,
      maxQuantity: 1,
      requiredFields: [{ code: 'PlayerID', name: 'رقم ايدي - اللاعب' }],
    });
  });
});

describe('Query Operations', () => {
  it('101 Yemen Mobile balance', async () => {
    const r = await makeProvider().query(ym, 'balance');
    expect(r.ok && r.value.balance).toEqual({ text: '154.15', amount: money(15_415) });
    expect(r.ok && r.value.lines).toContainEqual({ label: 'mobileTypeName', value: 'دفع مسبق' });
    const req = sim.requests.find((q) => q.kind === 'query')!;
    expect(req.body).toMatchObject({ NetworkNumber: 1, ServiceNumber: 101, MobileNumber: '777777777' });
    expect(typeof (req.body as { TransactionID: unknown }).TransactionID).toBe('string');
  });
  it('102 Yemen Mobile loan', async () => {
    const r = await makeProvider().query(ym, 'loan');
    expect(r.ok && r.value.loan).toEqual({ hasLoan: false, text: 'الرقم غير متسلف' });
  });
  it('107 Yemen Mobile offers', async () => {
    const r = await makeProvider().query(ym, 'offers');
    expect(r.ok && r.value.offers?.map((o) => o.id)).toEqual(['A115887147', 'A4990006', 'A3825', 'A101044', 'A101045', 'A101051']);
    expect(r.ok && r.value.offers?.[1]).toMatchObject({ start: '2024-07-21 17:14:06', end: '2024-08-19 23:59:59' });
  });
  it('501 ADSL balance keeps "44.18 جيجابايت" as text; the number goes as 0XXXXXXX', async () => {
    const r = await makeProvider().query({ national: '1234567', network: 'adsl' }, 'balance');
    expect(r.ok && r.value.balance).toEqual({ text: '44.18 جيجابايت' });
    expect(r.ok && r.value.lines).toContainEqual({ label: 'expiredDate', value: '21/10/2024' });
    expect(sim.requests.find((q) => q.kind === 'query')!.body).toMatchObject({ NetworkNumber: 5, ServiceNumber: 501, MobileNumber: '01234567' });
  });
  it('601 landline balance', async () => {
    const r = await makeProvider().query({ national: '1234567', network: 'landline' }, 'balance');
    expect(r.ok && r.value.balance).toEqual({ text: '2869', amount: money(286_900) });
  });
  it('701 Yemen 4G balance keeps "26.90جيجابايت" as text', async () => {
    const r = await makeProvider().query({ national: '101234567', network: 'yemen_4g' }, 'balance');
    expect(r.ok && r.value.balance).toEqual({ text: '26.90جيجابايت' });
    expect(r.ok && r.value.lines).toContainEqual({ label: 'offerSize', value: '2400' });
  });
  it('every query carries its own TransactionID; unsupported queries send nothing', async () => {
    const p = makeProvider();
    for (let i = 0; i < 5; i += 1) expect((await p.query(ym, 'balance')).ok).toBe(true);
    const ids = sim.requests.filter((q) => q.kind === 'query').map((q) => (q.body as { TransactionID: string }).TransactionID);
    expect(new Set(ids).size).toBe(5);
    const r = await p.query(sabafon, 'loan');
    expect(!r.ok && r.error.code).toBe('provider.unsupported');
    expect(sim.requests.filter((q) => q.kind === 'query')).toHaveLength(5);
  });
});

describe('Payment Operations', () => {
  describe('Payment Balance', () => {
    it('Yemen Mobile by amount: succeeded, charged once, body as documented', async () => {
      const p = makeProvider();
      const txId = nextTx();
      const out = await p.pay({ txId, number: ym, product: { kind: 'amount', amount: money(10_000) } });
      expect(out).toMatchObject({ state: 'succeeded', price: money(10_000), agentBalance: money(9_990_000), message: SIM_MESSAGES.paySuccess });
      expect(out.providerRef).toMatch(/^\d+$/);
      expect(out.raw?.body).toContain('"operationStatus":1');
      expect(sim.ledger.chargesFor(txId)).toBe(1);
      expect(paymentsFor(txId)[0]!.body).toEqual({ NetworkNumber: 1, ServiceNumber: 103, MobileNumber: '777777777', TransactionID: txId, Amount: 100 });
    });
    it('Sabafon by units: Amount is the unit count; quote = units × unit price = the charge', async () => {
      const p = makeProvider();
      const q = await p.quote(sabafon, { kind: 'units', units: 10 });
      expect(q.ok && q.value.price).toEqual(money(1210));
      const txId = nextTx();
      const out = await p.pay({ txId, number: sabafon, product: { kind: 'units', units: 10 } });
      expect(out).toMatchObject({ state: 'succeeded', price: money(1210) });
      expect(paymentsFor(txId)[0]!.body).toMatchObject({ NetworkNumber: 2, ServiceNumber: 201, Amount: 10 });
    });
    it('landline, ADSL and Yemen 4G by amount go to 602, 502 and 702', async () => {
      const p = makeProvider();
      const cases = [
        [{ national: '1234567', network: 'landline' }, 602, '01234567'],
        [{ national: '1234567', network: 'adsl' }, 502, '01234567'],
        [{ national: '101234567', network: 'yemen_4g' }, 702, '101234567'],
      ] as const;
      for (const [number, service, wire] of cases) {
        const txId = nextTx();
        expect((await p.pay({ txId, number, product: { kind: 'amount', amount: money(50_000) } })).state).toBe('succeeded');
        expect(paymentsFor(txId)[0]!.body).toMatchObject({ ServiceNumber: service, MobileNumber: wire, Amount: 500 });
      }
    });
    it('operationStatus 0 is failed and not charged', async () => {
      sim.knobs.failPayment.next = 1;
      const txId = nextTx();
      const out = await makeProvider().pay({ txId, number: ym, product: { kind: 'amount', amount: money(10_000) } });
      expect(out).toMatchObject({ state: 'failed', error: { code: 'provider.rejected' } });
      expect(sim.ledger.chargesFor(txId)).toBe(0);
    });
    it('pending, then the status call settles it (success and failure with refund)', async () => {
      const p = makeProvider();
      for (const outcome of ['succeeded', 'failed'] as const) {
        Object.assign(sim.knobs.pending, { next: 1, checks: 2, outcome });
        const before = sim.ledger.balanceMinor;
        const txId = nextTx();
        expect((await p.pay({ txId, number: ym, product: { kind: 'amount', amount: money(10_000) } })).state).toBe('pending');
        expect((await p.status({ txId, number: ym })).state).toBe('pending');
        expect((await p.status({ txId, number: ym })).state).toBe('pending');
        expect((await p.status({ txId, number: ym })).state).toBe(outcome);
        expect(sim.ledger.balanceMinor).toBe(outcome === 'succeeded' ? before - 10_000 : before);
      }
    });
  });

  describe('Payment Offers', () => {
    it('OfferCode instead of Amount; the provider sets the price', async () => {
      const txId = nextTx();
      const out = await makeProvider().pay({ txId, number: sabafon, product: { kind: 'offer', code: 'PREWhatsApp' } });
      expect(out).toMatchObject({ state: 'succeeded', price: money(522_700) });
      const body = paymentsFor(txId)[0]!.body as Record<string, unknown>;
      expect(body).toMatchObject({ NetworkNumber: 2, ServiceNumber: 202, OfferCode: 'PREWhatsApp' });
      expect(body).not.toHaveProperty('Amount');
    });
    it('an unknown offer code is failed with provider.invalid_offer and not charged', async () => {
      const txId = nextTx();
      const out = await makeProvider().pay({ txId, number: ym, product: { kind: 'offer', code: 'NOPE' } });
      expect(out).toMatchObject({ state: 'failed', error: { code: 'provider.invalid_offer', message: SIM_MESSAGES.badOffer } });
      expect(sim.ledger.chargesFor(txId)).toBe(0);
    });
  });

  describe('Payment Game Services and Gift Cards', () => {
    it('LinkCode, Fields as a JSON string and Quantity; price = LocalPrice × quantity', async () => {
      const p = makeProvider();
      const product = { kind: 'game', linkCode: 'pubg_60', fields: { PlayerID: '5123456789' }, quantity: 1 } as const;
      expect(await p.quote(ym, product)).toEqual({ ok: true, value: { price: money(49_500) } });
      const txId = nextTx();
      expect(await p.pay({ txId, number: ym, product })).toMatchObject({ state: 'succeeded', price: money(49_500) });
      const body = paymentsFor(txId)[0]!.body as Record<string, unknown>;
      expect(body).toMatchObject({ NetworkNumber: 8, ServiceNumber: 801, LinkCode: 'pubg_60', Quantity: 1, MobileNumber: '777777777' });
      expect(JSON.parse(body.Fields as string)).toEqual({ PlayerID: '5123456789' });
    });
    it('a missing required field is failed with provider.invalid_parameters', async () => {
      const out = await makeProvider().pay({ txId: nextTx(), number: ym, product: { kind: 'game', linkCode: 'pubg_60', fields: {}, quantity: 1 } });
      expect(out).toMatchObject({ state: 'failed', error: { code: 'provider.invalid_parameters' } });
    });
  });

  describe('Example Webhook Request', () => {
    let hook: Server;
    let received: URL[];
    beforeEach(async () => {
      received = [];
      hook = createServer((req, res) => {
        received.push(new URL(req.url ?? '/', 'http://127.0.0.1'));
        res.end('ok');
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    });
    afterEach(async () => {
      await new Promise<void>((r) => hook.close(() => r()));
    });

    it('WebHookURL and WebHookCode are sent, and the provider calls back with a GET query string', async () => {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhook`;
      const txId = nextTx();
      const out = await makeProvider().pay({ txId, number: ym, product: { kind: 'amount', amount: money(50_787) }, webhook: { url, code: 'code-123456' } });
      expect(paymentsFor(txId)[0]!.body).toMatchObject({ WebHookURL: url, WebHookCode: 'code-123456' });
      await sim.flushWebhooks();
      expect(received).toHaveLength(1);
      expect(received[0]!.pathname).toBe('/webhook');
      expect(Object.fromEntries(received[0]!.searchParams)).toEqual({
        OperationStatus: '1',
        WebHookCode: 'code-123456',
        TransactionID: txId,
        ReferenceID: out.providerRef,
        price: '507.87',
        message: SIM_MESSAGES.ready,
      });
    });

    it('a pending payment calls back only when it settles, with OperationStatus 0 on failure', async () => {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhook`;
      Object.assign(sim.knobs.pending, { next: 1, checks: 0, outcome: 'failed' });
      const p = makeProvider();
      const txId = nextTx();
      expect((await p.pay({ txId, number: ym, product: { kind: 'amount', amount: money(10_000) }, webhook: { url, code: 'c-9' } })).state).toBe('pending');
      await sim.flushWebhooks();
      expect(received).toHaveLength(0);
      expect((await p.status({ txId, number: ym })).state).toBe('failed');
      await sim.flushWebhooks();
      expect(received.map((u) => u.searchParams.get('OperationStatus'))).toEqual(['0']);
    });
  });
});

describe('Faults (simulator knobs)', () => {
  const pay100 = (p: ReturnType<typeof makeProvider>, txId: string): Promise<ReturnType<typeof p.pay> extends Promise<infer T> ? T : never> =>
    p.pay({ txId, number: ym, product: { kind: 'amount', amount: money(10_000) } } satisfies PayRequest);

  it('response dropped after the charge: unknown; status says succeeded; exactly one charge, one request', async () => {
    const p = makeProvider();
    sim.knobs.dropAfterCharge.next = 1;
    const txId = nextTx();
    const out = await pay100(p, txId);
    expect(out).toMatchObject({ state: 'unknown', error: { code: 'provider.unavailable' } });
    expect((await p.status({ txId, number: ym })).state).toBe('succeeded');
    expect(sim.ledger.chargesFor(txId)).toBe(1);
    expect(paymentsFor(txId)).toHaveLength(1);
  });

  it('5xx before the charge: payment unknown (never re-sent), status not_found; balance call is server_error', async () => {
    const p = makeProvider();
    await p.login();
    sim.knobs.serverErrorBeforeCharge.next = 1;
    const txId = nextTx();
    expect(await pay100(p, txId)).toMatchObject({ state: 'unknown', error: { code: 'provider.server_error' }, raw: { status: 503 } });
    expect(paymentsFor(txId)).toHaveLength(1);
    expect((await p.status({ txId, number: ym })).state).toBe('not_found');
    expect(sim.ledger.chargesFor(txId)).toBe(0);
    sim.knobs.serverErrorBeforeCharge.next = 1;
    const b = await p.agentBalance();
    expect(!b.ok && b.error.code).toBe('provider.server_error');
  });

  it('malformed JSON: payment unknown with the raw body kept; other calls bad_response with raw logged', async () => {
    const p = makeProvider();
    await p.login();
    sim.knobs.malformedJson.next = 1;
    const txId = nextTx();
    const out = await pay100(p, txId);
    expect(out).toMatchObject({ state: 'unknown', error: { code: 'provider.bad_response' } });
    expect(out.raw?.body).toMatch(/^\{"status":true/);
    expect(() => JSON.parse(out.raw!.body)).toThrow();
    expect((await p.status({ txId, number: ym })).state).toBe('succeeded');
    sim.knobs.malformedJson.next = 1;
    const b = await p.agentBalance();
    expect(!b.ok && b.error.code).toBe('provider.bad_response');
    expect(logLines.some((l) => l.includes('"raw":"{\\"status\\":true'))).toBe(true);
  });

  it('latency beyond the time-out: unknown; the late charge is found by status', async () => {
    const p = makeProvider({ timeoutMs: 150 });
    await p.login();
    Object.assign(sim.knobs.latency, { next: 1, ms: 400, only: ['payment'] });
    const txId = nextTx();
    const started = Date.now();
    expect(await pay100(p, txId)).toMatchObject({ state: 'unknown', error: { code: 'provider.timeout' } });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await until(() => sim.ledger.chargesFor(txId) === 1)).toBe(true);
    expect((await p.status({ txId, number: ym })).state).toBe('succeeded');
  });

  it('token expiry: a query logs in again once and succeeds; a payment is failed session_expired, never re-sent', async () => {
    const p = makeProvider();
    await p.agentBalance();
    sim.knobs.expireTokens();
    expect((await p.agentBalance()).ok).toBe(true);
    expect(logins()).toBe(2);
    expect(sim.requests.filter((q) => q.kind === 'global')).toHaveLength(3);

    sim.knobs.expireTokens();
    const txId = nextTx();
    expect(await pay100(p, txId)).toMatchObject({ state: 'failed', error: { code: 'provider.session_expired' } });
    expect(paymentsFor(txId)).toHaveLength(1);
    expect(sim.ledger.chargesFor(txId)).toBe(0);
    expect(logins()).toBe(2);
    const next = nextTx();
    expect((await pay100(p, next)).state).toBe('succeeded'); // fresh login first, then one send
    expect(logins()).toBe(3);
  });

  it('a query whose retry is rejected again stops after one re-login', async () => {
    const p = makeProvider();
    await p.login();
    sim.knobs.tokenTtlMs = -1; // every new token is born expired
    sim.knobs.expireTokens();
    const r = await p.query(ym, 'balance');
    expect(!r.ok && r.error.code).toBe('provider.session_expired');
    expect(sim.requests.filter((q) => q.kind === 'query')).toHaveLength(2); // the first send and one retry
    expect(logins()).toBe(2);
  });

  it('insufficient balance (knob and real ledger): failed, provider.insufficient_balance, nothing charged', async () => {
    const p = makeProvider();
    sim.knobs.insufficientBalance.next = 1;
    const a = nextTx();
    expect(await pay100(p, a)).toMatchObject({ state: 'failed', error: { code: 'provider.insufficient_balance', message: SIM_MESSAGES.insufficient } });
    sim.ledger.balanceMinor = 5_000;
    const b = nextTx();
    expect((await pay100(p, b)).error?.code).toBe('provider.insufficient_balance');
    expect(sim.ledger.charges).toHaveLength(0);
  });

  it('a reused TransactionID is refused by the provider and reported unknown, never charged twice', async () => {
    const p = makeProvider();
    const txId = nextTx();
    expect((await pay100(p, txId)).state).toBe('succeeded');
    expect(await pay100(p, txId)).toMatchObject({ state: 'unknown', error: { code: 'provider.duplicate_transaction' } });
    expect(sim.ledger.chargesFor(txId)).toBe(1);
  });

  it('an answer that names another transaction is unknown, not success', async () => {
    const rewriting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = (await res.text()).replace(/"transactionID":"\d+"/, '"transactionID":"999"');
      return new Response(text, { status: res.status, headers: res.headers });
    };
    const txId = nextTx();
    const out = await makeProvider({ fetch: rewriting }).pay({ txId, number: ym, product: { kind: 'amount', amount: money(100) } });
    expect(out).toMatchObject({ state: 'unknown', error: { code: 'provider.bad_response' } });
    expect(out.raw?.body).toContain('"transactionID":"999"');
  });

  it('under random drops, 5xx, bad JSON and pending, every id is charged at most once and status settles all of them', async () => {
    const p = makeProvider({ timeoutMs: 2000 });
    const only = ['payment' as const];
    Object.assign(sim.knobs.dropAfterCharge, { probability: 0.1, only });
    Object.assign(sim.knobs.serverErrorBeforeCharge, { probability: 0.05, only });
    Object.assign(sim.knobs.malformedJson, { probability: 0.05, only });
    Object.assign(sim.knobs.pending, { probability: 0.1, checks: 1, outcome: 'failed' });
    sim.ledger.balanceMinor = 1_000_000_000;
    const ids = Array.from({ length: 600 }, () => nextTx());
    const outcomes = new Map<string, string>();
    const started = Date.now();
    for (let i = 0; i < ids.length && Date.now() - started < 20_000; i += 20) {
      const batch = ids.slice(i, i + 20);
      const results = await Promise.all(batch.map((txId) => pay100(p, txId)));
      batch.forEach((txId, k) => outcomes.set(txId, results[k]!.state));
    }
    expect(outcomes.size).toBe(ids.length);
    sim.knobs.dropAfterCharge.probability = 0;
    sim.knobs.serverErrorBeforeCharge.probability = 0;
    sim.knobs.malformedJson.probability = 0;
    let unresolved = 0;
    let succeeded = 0;
    for (const [txId, state] of outcomes) {
      let final = state;
      for (let round = 0; round < 4 && (final === 'unknown' || final === 'pending'); round += 1) final = (await p.status({ txId, number: ym })).state;
      if (final === 'not_found') final = 'failed';
      if (final !== 'succeeded' && final !== 'failed') unresolved += 1;
      if (final === 'succeeded') succeeded += 1;
      expect(sim.ledger.chargesFor(txId)).toBeLessThanOrEqual(1);
      expect(paymentsFor(txId)).toHaveLength(1);
    }
    const netCharged = new Set(sim.ledger.charges.map((c) => c.txId));
    for (const r of sim.ledger.refunds) netCharged.delete(r.txId);
    console.log(`alqimah fault run: ${ids.length} payments, ${[...outcomes.values()].filter((s) => s === 'unknown').length} unknown at first, ${succeeded} succeeded, ${unresolved} unresolved, ${netCharged.size} net charges`);
    expect(unresolved).toBe(0);
    expect(netCharged.size).toBe(succeeded);
  });
});

describe('The wire as the simulator received it', () => {
  it('every request is a JSON POST with exactly the documented field names and types', async () => {
    const p = makeProvider();
    await p.agentBalance();
    await p.feedVouchers();
    await p.catalogue();
    await p.status({ txId: '1234', number: ym });
    for (const kind of ['balance', 'loan', 'offers'] as const) await p.query(ym, kind);
    await p.pay({ txId: nextTx(), number: ym, product: { kind: 'amount', amount: money(10_000) } });
    await p.pay({ txId: nextTx(), number: sabafon, product: { kind: 'units', units: 3 } });
    await p.pay({ txId: nextTx(), number: sabafon, product: { kind: 'offer', code: 'PREWhatsApp' } });
    await p.pay({ txId: nextTx(), number: ym, product: { kind: 'game', linkCode: 'pubg_60', fields: { PlayerID: '1' }, quantity: 1 }, webhook: { url: 'http://127.0.0.1:9/hook', code: 'abcd1234' } });
    const schemas = { login: loginRequestSchema, global: globalRequestSchema, query: queryRequestSchema, payment: paymentRequestSchema } as const;
    expect(sim.requests.length).toBe(12);
    for (const req of sim.requests) {
      expect(req.method).toBe('POST');
      expect(req.headers['content-type']).toContain('application/json');
      expect(req.kind).not.toBe('other');
      if (req.kind === 'other') continue;
      expect(schemas[req.kind].strict().safeParse(req.body).success, JSON.stringify(req.body)).toBe(true);
      if (req.kind === 'login') expect(req.headers['api-token']).toBeUndefined();
      else expect(req.headers['api-token']).toMatch(/^[0-9a-f]{48}$/);
    }
  });

  it('concurrent calls on an expired session share one login', async () => {
    const p = makeProvider();
    const results = await Promise.all(Array.from({ length: 20 }, () => p.agentBalance()));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(logins()).toBe(1);
  });

  it('every call has a time-out: login, queries and status come back as timeout / unknown', async () => {
    const p = makeProvider({ timeoutMs: 100 });
    Object.assign(sim.knobs.latency, { next: 1, ms: 300 });
    const l = await p.login();
    expect(!l.ok && l.error.code).toBe('provider.timeout');
    const paid = await p.pay({ txId: nextTx(), number: ym, product: { kind: 'amount', amount: money(100) } });
    expect(paid.state).toBe('succeeded');
    Object.assign(sim.knobs.latency, { next: 1, ms: 300 });
    const q = await p.query(ym, 'balance');
    expect(!q.ok && q.error.code).toBe('provider.timeout');
    Object.assign(sim.knobs.latency, { next: 1, ms: 300 });
    expect(await p.status({ txId: '1', number: ym })).toMatchObject({ state: 'unknown', error: { code: 'provider.timeout' } });
  });
});

describe('Secrets', () => {
  it('no password, API token, login token or access token in any log line or error message', async () => {
    const errors: string[] = [];
    const wrong = makeProvider({ credentials: async () => ({ ...sim.account, password: 'another-password-9' }) });
    const r1 = await wrong.login();
    if (!r1.ok) errors.push(JSON.stringify(r1.error));
    const r2 = await wrong.pay({ txId: nextTx(), number: ym, product: { kind: 'amount', amount: money(100) } });
    errors.push(JSON.stringify(r2));
    // A good run with expiry and faults, so access tokens exist and error paths run.
    const good = makeProvider({ timeoutMs: 150 });
    await good.agentBalance();
    sim.knobs.expireTokens();
    errors.push(JSON.stringify(await good.pay({ txId: nextTx(), number: ym, product: { kind: 'amount', amount: money(100) } })));
    sim.knobs.malformedJson.next = 1;
    sim.knobs.malformedJson.only = ['login'];
    sim.knobs.expireTokens();
    errors.push(JSON.stringify(await good.agentBalance()));
    Object.assign(sim.knobs.latency, { next: 1, ms: 300 });
    errors.push(JSON.stringify(await good.agentBalance()));
    const accessTokens = sim.requests.map((q) => q.headers['api-token']).filter((t): t is string => typeof t === 'string');
    expect(accessTokens.length).toBeGreaterThan(0);
    const secrets = [sim.account.password, 'another-password-9', sim.account.apiToken, loginToken(sim.account), ...accessTokens];
    const everything = [...logLines, ...errors].join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    for (const s of secrets) expect(everything).not.toContain(s);
  });
});
