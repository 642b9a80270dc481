// Vectors computed once outside the code under test, with the shell:
//   inner=$(printf '%s' 'P@ss1' | md5sum); printf '%s' "user112345${inner}tok-abc" | md5sum
import { describe, expect, it } from 'vitest';
import { loginToken } from '../../../electron/providers/alqimah/token';

describe('Generate Login Token', () => {
  it('matches md5(UserName + AccountNumber + md5(Password) + APIToken) for an ASCII account', () => {
    expect(loginToken({ userName: 'user1', accountNumber: '12345', password: 'P@ss1', apiToken: 'tok-abc' })).toBe(
      'c85ce10ab2cbe220e0b775732036e3fb',
    );
  });

  it('hashes Arabic user names and passwords as UTF-8', () => {
    expect(loginToken({ userName: 'محمد', accountNumber: '700100', password: 'كلمة123', apiToken: 'APIT0K' })).toBe(
      '3a9abd4b1f36751c8420afeb49dc459a',
    );
  });

  it('is lower-case hex of 32 characters and changes with each input', () => {
    const base = { userName: 'u', accountNumber: '1', password: 'p', apiToken: 't' };
    const token = loginToken(base);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      expect(loginToken({ ...base, [key]: base[key] + 'x' })).not.toBe(token);
    }
  });
});
