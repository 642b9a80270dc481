// The document's own example bodies (docs/providers-weta.md), verbatim where they are JSON, against the wire
// schemas and the client's reading of them. Where the document's example is not valid JSON (a
// token broken over lines, trailing commas) the client must keep the raw text and not crash.
import { describe, expect, it } from 'vitest';
import { createWetaProvider } from '../../../electron/providers/weta/client';
import {
  agentBalanceResponseSchema,
  appliedPackagesResponseSchema,
  billResponseSchema,
  envelopeSchema,
  envelopeText,
  loginResponseSchema,
  mobileBalanceResponseSchema,
  offersResponseSchema,
  registerResponseSchema,
  solfaResponseSchema,
  statusResponseSchema,
} from '../../../electron/providers/weta/wire';
import type { SubscriberNumber } from '../../../electron/providers/provider';

const doc = {
  register201: `{
    "status_code": 201,
    "description": "Created.",
    "data": {
        "user": {
            "name": "full user name",
            "username": "userName",
            "email": "email@ect.com",
            "mobile": "967XXXXXXXXX",
            "balance": 0,
            "balance_ceiling": 0,
            "balance_type": "prepaid",
            "env": "Postman Runtime 0.0-unknown",
            "created_at": 1603345214
        }
    }
}`,
  register422: `{
        "status_code": 422,
        "description": "unprocessable entity.",
        "data": [
            "The name field is required.",
            "The username field is required.",
            "The email field is required.",
            "The password field is required.",
            "The password confirmation field is required.",
            "The mobile field is required."
        ]
    }`,
  // As printed: the token breaks over lines and a comma is missing before exp_date.
  login200: `{
    "status_code": 200,
    "description": "Success.",
    "token": "ehjrexaioijkv1qilcjhbgcioijiuzi1nij9.eyjpc3mioijo
    dhrwolwvxc9sb2nhbghvc3q6odawmfwvyxbpxc9sb2dpbiisimlhdci6mtu"
    "exp_date": 1603432173
}`,
  login401: `{
    "status_code": 401,
    "description": "Authentication failure."
}`,
  offers200: `{
        "status_code": 200,
        "description": "Success.",
        "data": [
            {
                "code": "1",
                "telecom_company": "TeleYemen - Line",
                "category": "XYZ",
                "amount_sent": 600,
                "WETA_offer": [
                    {
                        "extra_balance": "10%"
                    }
                ],
                "processing_fees": "10%",
                "total_cost": "XYZ",
                "recevied": 660
            },
            {
                "code": "2",
                "telecom_company": "TeleYemen - Line",
                "category": "XYZ",
                "amount_sent": 1410,
                "WETA_offer": [
                    {
                        "extra_balance": "20%"
                    }
                ],
                "processing_fees": "10%",
                "total_cost": "XYZ",
                "recevied": 1692
            }
        ]
    }`,
  token401: `{
    "message ": "Token not provided",
    "status_code": 401
}`,
  // As printed: a trailing comma after the last field.
  bill200: `{
    "status_code": 200,
    "description": "Success.",
    "data": [
        {
            "status_code": 200,
            "description": "Success.",
            "data": {
                "trans_id": 1,
                "sent_amount": 600,
                "recevied": 660,
                "processing_fees": "XYZ",
                "price": "XYZ",
                "remain_amount": "XYZ",
                "Operator": "XYZ",
            }
        }
    ]
}`,
  applied200: `{
    "status_code": 200,
    "description": "Success.",
    "data": {
        "offers": [
            {
            "offerId": "P400001",
            "offerName": "Internet",
            "offerStartDate": "20131110171807",
            "offerEndDate": "20991231235959"
            }
        ]
    }
}`,
  balance200: `{
    "status_code": 200,
    "description": "Success.",
    "data": {
        "mobile_type": "0",
        "availableCredit": "42.57",
        "balance": "42.57"
    }
}`,
  solfa200: `{
    "status_code": 200,
    "description": "Success.",
    "data": {
        "RESULTCODE": "0",
        "RESULTDESC": "UNKOWN_STATUS"
    }
}`,
  agentBalance200: `{
    "status_code": 200,
    "description": "Success.",
    "data": {
        "balance": 5000
    }
}`,
  status200: `{
        "status_code": 200,
        "description": "Success.",
        "data": {
            "isDone": 0,
            "isBan": 1,
            "mobile": "967XXXXXXXXX",
            "reason": 400
        }
    }`,
  reset200: `{
        "status_code": 200,
        "description": "success."
    }`,
  reset422: `{
    "status_code": 422,
    "description": "password filed is required."
}`,
  logout200: `{
    "status_code": 200,
    "description": "User logged out successfully"
}`,
};

/** The printed example with the document's syntax slips repaired (trailing commas, the split token). */
function repaired(text: string): unknown {
  return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1').replace(/\n\s*dhrw/, 'dhrw').replace(/mtu"\s*\n\s*"exp_date"/, 'mtu",\n"exp_date"'));
}

describe('wire schemas read the document examples', () => {
  it('register 201 and 422', () => {
    expect(registerResponseSchema.parse(JSON.parse(doc.register201)).data.user).toMatchObject({ username: 'userName', balance: 0, created_at: 1603345214 });
    expect(envelopeText(envelopeSchema.parse(JSON.parse(doc.register422)))).toContain('The mobile field is required.');
  });

  it('login 200: not valid JSON as printed, readable once repaired; exp_date is epoch seconds', () => {
    expect(() => JSON.parse(doc.login200)).toThrow();
    expect(loginResponseSchema.parse(repaired(doc.login200)).exp_date).toBe(1603432173);
  });

  it('401 bodies: "message " with a trailing space, without it, or a description', () => {
    expect(envelopeText(envelopeSchema.parse(JSON.parse(doc.token401)))).toBe('Token not provided');
    expect(envelopeText(envelopeSchema.parse({ message: 'Token has expired', status_code: 401 }))).toBe('Token has expired');
    expect(envelopeText(envelopeSchema.parse(JSON.parse(doc.login401)))).toBe('Authentication failure.');
    expect(envelopeSchema.parse({ status_code: '401' }).status_code).toBe(401);
  });

  it('offers, bill, applied backage, balance, solfa, agent balance, status', () => {
    expect(offersResponseSchema.parse(JSON.parse(doc.offers200)).data[1]).toMatchObject({ code: '2', amount_sent: 1410, total_cost: 'XYZ', recevied: 1692 });
    expect(() => JSON.parse(doc.bill200)).toThrow();
    expect(billResponseSchema.parse(repaired(doc.bill200)).data[0]).toMatchObject({ status_code: 200, data: { trans_id: 1, price: 'XYZ' } });
    expect(appliedPackagesResponseSchema.parse(JSON.parse(doc.applied200)).data.offers[0]!.offerId).toBe('P400001');
    expect(mobileBalanceResponseSchema.parse(JSON.parse(doc.balance200)).data).toEqual({ mobile_type: '0', availableCredit: '42.57', balance: '42.57' });
    expect(solfaResponseSchema.parse(JSON.parse(doc.solfa200)).data.RESULTDESC).toBe('UNKOWN_STATUS');
    expect(agentBalanceResponseSchema.parse(JSON.parse(doc.agentBalance200)).data.balance).toBe(5000);
    expect(statusResponseSchema.parse(JSON.parse(doc.status200)).data).toEqual({ isDone: 0, isBan: 1, mobile: '967XXXXXXXXX', reason: 400 });
  });
});

/** A client whose fetch answers each path with a fixed body: the document's examples as Weta's answers. */
function clientAnswering(bodies: Record<string, { status: number; text: string }>) {
  const calls: string[] = [];
  const fakeFetch = (async (input: string | URL | Request) => {
    const path = String(input).replace('http://weta.test/api', '');
    calls.push(path);
    const answer = bodies[path] ?? { status: 404, text: '{"status_code":404}' };
    return new Response(answer.text, { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const provider = createWetaProvider({
    baseUrl: 'http://weta.test/api',
    now: () => 1603345214_000,
    timeoutMs: 1000,
    credentials: async () => ({ username: 'u', password: 'secret-password' }),
    log: { info() {}, warn() {}, error() {} },
    fetch: fakeFetch,
  });
  return { provider, calls };
}

const login = { status: 200, text: JSON.stringify(repaired(doc.login200)) };
const YM: SubscriberNumber = { national: '771234567', network: 'yemen_mobile' };

describe('the client reads the document examples', () => {
  it('the printed bill example (a trailing comma) → unknown with provider.bad_response and the raw text kept', async () => {
    const { provider } = clientAnswering({ '/login': login, '/bill/weta-offer': { status: 200, text: doc.bill200 } });
    const outcome = await provider.pay({ txId: '1', number: YM, product: { kind: 'offer', code: '1' } });
    expect(outcome).toMatchObject({ state: 'unknown', error: { code: 'provider.bad_response' }, raw: { status: 200, body: doc.bill200 } });
  });

  it('the repaired bill example → succeeded; price "XYZ" falls back to sent_amount 600', async () => {
    const { provider } = clientAnswering({ '/login': login, '/bill/weta-offer': { status: 200, text: JSON.stringify(repaired(doc.bill200)) } });
    const outcome = await provider.pay({ txId: '1', number: YM, product: { kind: 'offer', code: '1' } });
    expect(outcome).toMatchObject({ state: 'succeeded', price: { minor: 60_000, currency: 'YER' }, providerRef: '1' });
    expect(outcome.agentBalance).toBeUndefined();
  });

  it('a bill answer naming another trans_id is not taken as ours', async () => {
    const { provider } = clientAnswering({ '/login': login, '/bill/weta-offer': { status: 200, text: JSON.stringify(repaired(doc.bill200)) } });
    expect((await provider.pay({ txId: '2', number: YM, product: { kind: 'offer', code: '1' } })).state).toBe('unknown');
  });

  it('the status example (isDone 0, isBan 1, reason 400) → failed with reason 400', async () => {
    const { provider } = clientAnswering({ '/login': login, '/q/status': { status: 200, text: doc.status200 } });
    expect(await provider.status({ txId: '6', number: YM })).toMatchObject({ state: 'failed', error: { params: { reason: '400' } } });
  });

  it('the offers example: "XYZ" total_cost falls back to amount_sent', async () => {
    const { provider } = clientAnswering({ '/login': login, '/q/weta-offer': { status: 200, text: doc.offers200 } });
    const offers = await provider.offers(YM);
    expect(offers.ok && offers.value[0]).toEqual({ code: '1', name: 'TeleYemen - Line 600', price: { minor: 60_000, currency: 'YER' }, receives: '660 (+10%)' });
  });

  it('the printed login example (not JSON) → bad_response without the raw body (it carries the token)', async () => {
    const { provider } = clientAnswering({ '/login': { status: 200, text: doc.login200 } });
    const result = await provider.login();
    expect(result).toEqual({ ok: false, error: { code: 'provider.bad_response', message: 'Weta /login: unreadable answer' } });
  });

  it('agent balance 5000, reset 200, logout 200, reset 422 without a data array', async () => {
    const { provider, calls } = clientAnswering({
      '/login': login,
      '/q/agent-balance': { status: 200, text: doc.agentBalance200 },
      '/setting/reset_pass': { status: 200, text: doc.reset200 },
      '/logout': { status: 200, text: doc.logout200 },
    });
    expect(await provider.agentBalance()).toEqual({ ok: true, value: { minor: 500_000, currency: 'YER' } });
    expect(await provider.resetPassword('new-password')).toEqual({ ok: true, value: undefined });
    expect(await provider.logout()).toEqual({ ok: true, value: undefined });
    expect(calls).toEqual(['/login', '/q/agent-balance', '/setting/reset_pass', '/logout']);
    const { provider: refusing } = clientAnswering({ '/login': login, '/setting/reset_pass': { status: 422, text: doc.reset422 } });
    const refused = await refusing.resetPassword('x');
    expect(!refused.ok && refused.error.code).toBe('provider.invalid_parameters');
  });

  it('an API error code only in the body of an HTTP 200 still counts (1000 on a bill → failed)', async () => {
    const { provider } = clientAnswering({ '/login': login, '/bill/weta-offer': { status: 200, text: '{"status_code":1000,"description":"your balance not enough."}' } });
    expect(await provider.pay({ txId: '9', number: YM, product: { kind: 'offer', code: '1' } })).toMatchObject({ state: 'failed', error: { code: 'provider.insufficient_balance' } });
  });

  it('a status 404 counts as not_found only in Weta\'s envelope; a bare 404 page stays unknown', async () => {
    const { provider } = clientAnswering({ '/login': login, '/q/status': { status: 200, text: '{}' } });
    expect((await provider.status({ txId: '7', number: YM })).state).toBe('unknown');
    const bare = clientAnswering({ '/login': login });
    const fakeHtml = createWetaProvider({
      baseUrl: 'http://weta.test/api',
      now: () => 1603345214_000,
      timeoutMs: 1000,
      credentials: async () => ({ username: 'u', password: 'secret-password' }),
      log: { info() {}, warn() {}, error() {} },
      fetch: (async (input: string | URL | Request) =>
        String(input).endsWith('/login') ? new Response(login.text) : new Response('<html>Not Found</html>', { status: 404 })) as typeof fetch,
    });
    expect((await fakeHtml.status({ txId: '7', number: YM })).state).toBe('unknown');
    expect((await bare.provider.status({ txId: '7', number: YM })).state).toBe('not_found');
  });
});
