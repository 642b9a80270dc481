// The wire schemas against the document's own example bodies, section by section, plus the loose
// spots the document leaves (ids as number or text, 5-place decimal strings, text balances).
import { describe, expect, it } from 'vitest';
import { documentCategories, documentFeed, documentQueryAnswers } from '../../../electron/providers/alqimah/simulator';
import { codeForMessage } from '../../../electron/providers/alqimah/client';
import {
  adslBalanceResponseSchema,
  agentBalanceResponseSchema,
  categoriesResponseSchema,
  errorResponseSchema,
  feedResponseSchema,
  formatYemenTime,
  landlineBalanceResponseSchema,
  loginResponseSchema,
  operationStatusResponseSchema,
  parseYemenTime,
  paymentResponseSchema,
  webhookQuerySchema,
  yemen4gBalanceResponseSchema,
  yemenMobileBalanceResponseSchema,
  yemenMobileLoanResponseSchema,
  yemenMobileOffersResponseSchema,
} from '../../../electron/providers/alqimah/wire';

describe('Login', () => {
  it('reads the success example and keeps token_expires as Yemen time (UTC+3)', () => {
    const body = { status: true, message: 'Login Successful', access_token: '*********************', token_expires: '2024-08-05 19:31:45' };
    const parsed = loginResponseSchema.parse(body);
    expect(parseYemenTime(parsed.token_expires)).toBe(Date.UTC(2024, 7, 5, 16, 31, 45));
    expect(formatYemenTime(Date.UTC(2024, 7, 5, 16, 31, 45))).toBe('2024-08-05 19:31:45');
  });
  it('refuses impossible or zoned times', () => {
    expect(parseYemenTime('2024-02-30 10:00:00')).toBeNull();
    expect(parseYemenTime('2024-08-05T19:31:45Z')).toBeNull();
  });
  it('reads the error example', () => {
    expect(errorResponseSchema.parse({ status: false, message: 'Error Message' }).message).toBe('Error Message');
    expect(loginResponseSchema.safeParse({ status: false, message: 'Error Message' }).success).toBe(false);
  });
});

describe('Global Operations', () => {
  it('Get Account Balance: agentBalance as number or 5-place text', () => {
    expect(agentBalanceResponseSchema.parse({ status: true, agentBalance: 100, message: 'Agent Balance Query Success', transactionID: 0 }).agentBalance).toBe(100);
    expect(agentBalanceResponseSchema.parse({ status: true, agentBalance: '2445990.29131' }).agentBalance).toBe('2445990.29131');
    expect(agentBalanceResponseSchema.safeParse({ status: true, agentBalance: 'lots' }).success).toBe(false);
  });
  it('Get Operation Status: the three examples, ids as numbers', () => {
    for (const [operationStatus, message] of [[1, 'جاهزة'], [0, 'ملغية'], [-1, 'في الانتظار']] as const) {
      const body = { status: true, operationStatus, mobileNumber: '777777777', price: 100, message, details: 'Operation Notes', transactionID: 1234, referenceID: 4321 };
      expect(operationStatusResponseSchema.parse(body).operationStatus).toBe(operationStatus);
    }
    expect(operationStatusResponseSchema.safeParse({ status: true, operationStatus: 2 }).success).toBe(false);
    expect(operationStatusResponseSchema.parse({ status: true, operationStatus: '-1' }).operationStatus).toBe(-1);
  });
  it('Get Feed Clients Balance: the example data', () => {
    expect(feedResponseSchema.parse({ status: true, data: documentFeed, message: 'Query Success' }).data).toHaveLength(2);
  });
  it('Get Games and Gift Cards Categories: the example data, transactionID as text', () => {
    const parsed = categoriesResponseSchema.parse({ status: true, data: documentCategories, message: 'Success', transactionID: '1' });
    expect(parsed.data.map((c) => c.LinkCode)).toEqual(['pubg_60', 'pubg_120', 'pubg_325', 'pubg_385']);
  });
});

describe('Query Operations', () => {
  it('reads every example answer with its own schema', () => {
    expect(yemenMobileBalanceResponseSchema.parse(documentQueryAnswers[101]).mobileBalance).toBe(154.15);
    expect(yemenMobileLoanResponseSchema.parse(documentQueryAnswers[102]).loanStatus).toBe(false);
    expect(yemenMobileOffersResponseSchema.parse(documentQueryAnswers[107]).data).toHaveLength(6);
    expect(adslBalanceResponseSchema.parse(documentQueryAnswers[501]).mobileBalance).toBe('44.18 جيجابايت');
    expect(landlineBalanceResponseSchema.parse(documentQueryAnswers[601]).mobileBalance).toBe('2869');
    expect(yemen4gBalanceResponseSchema.parse(documentQueryAnswers[701]).callBalance).toBe('');
  });
});

describe('Payment Operations', () => {
  it('reads the success example (agentBalance with 5 places, id as text)', () => {
    const body = { status: true, operationStatus: 1, agentBalance: 2445990.29131, price: 5227, message: 'Payment succcess', transactionID: '1', referenceID: 243085 };
    expect(paymentResponseSchema.parse(body).referenceID).toBe(243085);
  });
  it('maps recognisable refusals to stable codes, the rest to provider.rejected', () => {
    expect(codeForMessage('رصيدك غير كافٍ لإتمام العملية')).toBe('provider.insufficient_balance');
    expect(codeForMessage('Duplicate TransactionID')).toBe('provider.duplicate_transaction');
    expect(codeForMessage('العملية غير موجودة')).toBe('provider.not_found');
    expect(codeForMessage('Error Message')).toBe('provider.rejected');
  });
});

describe('Example Webhook Request', () => {
  it('reads the documented query string', () => {
    const q = new URLSearchParams('OperationStatus=1&WebHookCode=xxxxxxxxx&TransactionID=TXN789&ReferenceID=220065&price=507.87&message=Order+received+and+under+process');
    expect(webhookQuerySchema.parse(Object.fromEntries(q))).toMatchObject({ OperationStatus: '1', TransactionID: 'TXN789', price: '507.87' });
    expect(webhookQuerySchema.safeParse({ OperationStatus: '-1', TransactionID: 'x' }).success).toBe(false);
  });
});
