// Provider accounts end to end through dispatch: encrypted at rest, never read back, tested against
// the simulators over real HTTP on loopback, Weta's logout, registration and password reset; and
// the log file of the whole run holds none of the secrets.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { startWetaSimulator } from '../../harness/simulator-faults/weta';
import { createNodeSecretBox } from '../../../electron/platform/secret-box';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, value, type Harness } from './back-office-harness';

const ALQIMAH = { userName: 'shop-user', password: 'shop-password-1', accountNumber: '100200', apiToken: 'sim-api-token-0123456789' };
const WETA = { username: 'agent', password: 'agent-password' };
const OWNER_PIN = '482916';

let temp = makeTempDir();
let h: Harness;
let closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  temp = makeTempDir();
  h = await startBackOffice(temp.dir);
});
afterEach(async () => {
  await h.close();
  for (const close of closers) await close();
  closers = [];
  temp.remove();
});

async function simulators() {
  const alqimah = await startAlqimahSimulator({ account: ALQIMAH, balanceMinor: 123_456_78 });
  const weta = await startWetaSimulator({ users: [{ ...WETA, balance: 50_000 }] });
  closers.push(() => alqimah.close(), () => weta.close());
  value(await h.call('settings.set', { providerUrls: { alqimah: alqimah.url, weta: weta.url } }));
  return { alqimah, weta };
}

async function setOwnerPin() {
  value(await h.call('cashiers.save', { id: 'owner', name: 'صاحب المحل', role: 'owner', pin: OWNER_PIN }));
}

describe('provider accounts', () => {
  it('refuses accounts until the owner has a PIN: real money needs a locked door', async () => {
    const refused = await h.call('accounts.set', { provider: 'weta', fields: WETA });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('auth.pin_required');
    expect(await h.services.accounts.credentialsFor('weta')).toBeNull();
  });

  it('stores credentials encrypted and answers only set / not set, with at most two characters of a user name', async () => {
    await setOwnerPin();
    const status = value(await h.call('accounts.set', { provider: 'alqimah', fields: ALQIMAH }));
    const text = JSON.stringify(status);
    for (const secret of Object.values(ALQIMAH)) expect(text).not.toContain(secret);
    const alqimah = status.providers.find((p) => p.provider === 'alqimah')!;
    expect(alqimah.configured).toBe(true);
    expect(alqimah.fields.find((f) => f.field === 'userName')).toEqual({ field: 'userName', set: true, hint: 'er' });
    expect(alqimah.fields.find((f) => f.field === 'password')).toEqual({ field: 'password', set: true, hint: null });
    expect(status.providers.find((p) => p.provider === 'weta')!.configured).toBe(false);
    expect(await h.services.accounts.credentialsFor('alqimah')).toEqual(ALQIMAH);

    // At rest: the database file holds no plain value (WAL included).
    h.services.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(join(temp.dir, 'pos.sqlite')).toString('latin1');
    for (const secret of [ALQIMAH.password, ALQIMAH.apiToken]) expect(raw).not.toContain(secret);
    const probe = new Database(join(temp.dir, 'pos.sqlite'), { readonly: true });
    const rows = probe.prepare('SELECT ciphertext FROM provider_secrets').all() as { ciphertext: Buffer }[];
    probe.close();
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.ciphertext.toString('utf8')).not.toMatch(/shop-password|sim-api-token/);
  });

  it('keeps credentials across a restart with the same key file, and a partial set keeps the other fields', async () => {
    await setOwnerPin();
    value(await h.call('accounts.set', { provider: 'weta', fields: WETA }));
    value(await h.call('accounts.set', { provider: 'weta', fields: { password: 'new-password-9' } }));
    await h.close();
    h = await startBackOffice(temp.dir);
    expect(await h.services.accounts.credentialsFor('weta')).toEqual({ username: 'agent', password: 'new-password-9' });
  });

  it('tests the connection against each simulator over HTTP and shows the agent balance; a wrong password is auth_failed', async () => {
    await simulators();
    await setOwnerPin();
    value(await h.call('accounts.set', { provider: 'alqimah', fields: ALQIMAH }));
    value(await h.call('accounts.set', { provider: 'weta', fields: WETA }));
    expect(value(await h.call('accounts.test', { provider: 'alqimah' })).balance).toEqual({ minor: 123_456_78, currency: 'YER' });
    expect(value(await h.call('accounts.test', { provider: 'weta' })).balance.minor).toBe(50_000_00);

    value(await h.call('accounts.set', { provider: 'weta', fields: { password: 'wrong-password-7' } }));
    const wrong = await h.call('accounts.test', { provider: 'weta' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.code).toBe('provider.auth_failed');
  });

  it('logs out of Weta: the app sends Weta its logout with the session it opened', async () => {
    const { weta } = await simulators();
    await setOwnerPin();
    value(await h.call('accounts.set', { provider: 'weta', fields: WETA }));
    value(await h.call('accounts.test', { provider: 'weta' }));
    value(await h.call('accounts.logout', { provider: 'weta' }));
    expect(weta.requests.some((r) => r.path.endsWith('/logout'))).toBe(true);
  });

  it('registers a Weta account from the app and stores it; a password reset stores the new password', async () => {
    const { weta } = await simulators();
    await setOwnerPin();
    const status = value(
      await h.call('accounts.wetaRegister', { name: 'محل النور', username: 'alnoor', email: 'noor@example.com', mobile: '967771234567', password: 'first-pass-1' }),
    );
    expect(status.providers.find((p) => p.provider === 'weta')!.configured).toBe(true);
    expect(value(await h.call('accounts.test', { provider: 'weta' })).provider).toBe('weta');
    value(await h.call('accounts.wetaResetPassword', { newPassword: 'second-pass-2' }));
    expect(await h.services.accounts.credentialsFor('weta')).toEqual({ username: 'alnoor', password: 'second-pass-2' });
    expect(value(await h.call('accounts.test', { provider: 'weta' })).provider).toBe('weta');
    expect(weta.requests.some((r) => r.path.endsWith('/register'))).toBe(true);
  });

  it('a cashier is refused the accounts channels', async () => {
    await setOwnerPin();
    value(await h.call('accounts.set', { provider: 'alqimah', fields: ALQIMAH }));
    value(await h.call('cashiers.save', { name: 'Ali', role: 'cashier', pin: '1357' }));
    const ali = value(await h.call('cashiers.list', {})).cashiers.find((c) => c.name === 'Ali')!;
    value(await h.call('session.signIn', { cashierId: ali.id, pin: '1357' }));
    const refused = await h.call('accounts.status', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('auth.forbidden');
  });

  it('the Al-Qimah service map is data: edited as JSON, refused with a reason when invalid', async () => {
    const map = JSON.parse(value(await h.call('accounts.serviceMap.get', {})).json);
    map.networks.sabafon.unitPrice = '1.25';
    value(await h.call('accounts.serviceMap.set', { json: JSON.stringify(map) }));
    expect(h.services.serviceMap.read().networks.sabafon?.unitPrice).toBe('1.25');
    const bad = await h.call('accounts.serviceMap.set', { json: '{"global": 1}' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'settings.invalid_service_map', params: { entry: 'global' } });
    // Issue 11 item 14: the refusal names the line, never the JSON parser's own words.
    const notJson = await h.call('accounts.serviceMap.set', { json: '{\n  "global": {\n    "balance": 1,,\n  }\n}' });
    expect(!notJson.ok && notJson.error).toMatchObject({ code: 'settings.service_map_not_json', params: { line: 3 } });
  });
});

describe('where the OS encryption is weak or missing', () => {
  it('a weak backend (Linux basic_text) is reported to the owner; no backend at all refuses accounts', async () => {
    await h.close();
    const plain = createNodeSecretBox(join(temp.dir, 'weak.key'));
    h = await startBackOffice(temp.dir, { secretBox: { ...plain, backend: 'safe-storage:basic_text', isWeak: true } });
    expect(value(await h.call('accounts.status', {})).weakEncryption).toBe(true);
    await h.close();
    h = await startBackOffice(temp.dir, { secretBox: null });
    await setOwnerPin();
    const refused = await h.call('accounts.set', { provider: 'weta', fields: WETA });
    expect(!refused.ok && refused.error.code).toBe('secrets.unavailable');
    const reset = await h.call('accounts.wetaResetPassword', { newPassword: 'whatever-123' });
    expect(!reset.ok && reset.error.code).toBe('secrets.unavailable');
    expect(await h.services.accounts.credentialsFor('weta')).toBeNull();
  });
});

describe('the log file of a whole run', () => {
  it('holds no password, API token, access token or PIN after setting accounts, testing, a failed login and sign-ins', async () => {
    const { alqimah, weta } = await simulators();
    await setOwnerPin();
    value(await h.call('accounts.set', { provider: 'alqimah', fields: ALQIMAH }));
    value(await h.call('accounts.set', { provider: 'weta', fields: WETA }));
    value(await h.call('accounts.test', { provider: 'alqimah' }));
    value(await h.call('accounts.test', { provider: 'weta' }));
    value(await h.call('reports.feedVouchers', {}));
    value(await h.call('accounts.set', { provider: 'weta', fields: { password: 'bad-password-123' } }));
    expect((await h.call('accounts.test', { provider: 'weta' })).ok).toBe(false);
    value(await h.call('session.signOut', {}));
    expect((await h.call('session.signIn', { cashierId: 'owner', pin: '000000' })).ok).toBe(false);
    value(await h.call('session.signIn', { cashierId: 'owner', pin: OWNER_PIN }));

    const log = h.logText();
    expect(log).toContain('connection test');
    expect(log).toContain('wrong PIN');
    // Every token that went over the wire: Weta's issued JWTs and whatever Al-Qimah's calls carried.
    const alqimahTokens = alqimah.requests.flatMap((r) =>
      Object.entries(r.headers)
        .filter(([key]) => /token|authorization/i.test(key))
        .map(([, v]) => String(v).replace(/^Bearer /i, '')),
    );
    const tokens = [...weta.issuedTokens, ...alqimahTokens].filter((t) => t.length >= 8);
    expect(tokens.length).toBeGreaterThan(0);
    for (const secret of [ALQIMAH.password, ALQIMAH.apiToken, WETA.password, 'bad-password-123', OWNER_PIN, ...tokens]) {
      expect(log, `log leaks ${secret.slice(0, 3)}…`).not.toContain(secret);
    }
  });
});
