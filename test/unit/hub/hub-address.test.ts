// The hub's address and join codes as the owner types them, and when TLS is required.
import { describe, expect, it } from 'vitest';
import { formatHubAddress, hubTls, openHubPool, parseHubAddress } from '../../../electron/hub/hub-connection';
import { isLoopbackHost } from '../../../shared/loopback';
import { formatJoinCode, parseJoinCode, randomToken } from '../../../electron/hub/hub-owner';
import { hubAddressSchema } from '../../../shared/ipc/hub';

const quiet = { info: () => {}, warn: () => {}, error: () => {}, addSecret: () => {}, redactText: (t: string) => t } as never;

describe('hub address', () => {
  it('reads host[:port]/database, the default port 5432, IPv6 in brackets; refuses anything else', () => {
    expect(parseHubAddress('192.168.1.10/shop_hub')).toEqual({ host: '192.168.1.10', port: 5432, database: 'shop_hub' });
    expect(parseHubAddress(' hub.example:6543/pos ')).toEqual({ host: 'hub.example', port: 6543, database: 'pos' });
    expect(parseHubAddress('[::1]:5433/pos')).toEqual({ host: '::1', port: 5433, database: 'pos' });
    for (const bad of ['', 'host', 'host:5432', 'host:99999/db', 'host/db;drop', 'a b/db', 'postgres://u:p@h/db']) {
      expect(parseHubAddress(bad), bad).toBeNull();
      if (!bad.includes('99999')) expect(hubAddressSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(formatHubAddress({ host: '::1', port: 5433, database: 'pos' })).toBe('[::1]:5433/pos');
  });

  it('requires TLS, verified, whenever the hub is not on loopback', async () => {
    expect(['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]', 'till.localhost', '0.0.0.0', '::'].every(isLoopbackHost)).toBe(true);
    expect(['192.168.1.10', '10.0.0.2', 'hub.example', '1127.0.0.1', '127.example.com', 'localhost.example'].some(isLoopbackHost)).toBe(false);
    const remote = openHubPool(parseHubAddress('192.168.1.10/shop')!, 'u', 'p', quiet);
    const local = openHubPool(parseHubAddress('127.0.0.1/shop')!, 'u', 'p', quiet);
    expect((remote as unknown as { options: { ssl: unknown } }).options.ssl).toEqual({ rejectUnauthorized: true });
    expect((local as unknown as { options: { ssl: unknown } }).options.ssl).toBe(false);
    await Promise.all([remote.end(), local.end()]);
  });

  it("trusts the owner's certificate alone once given, on loopback too; alwaysTls applies the remote rule on loopback", () => {
    const ca = '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n';
    expect(hubTls({ host: '192.168.1.10', certificate: ca })).toEqual({ ca, rejectUnauthorized: true });
    expect(hubTls({ host: '127.0.0.1', certificate: ca })).toEqual({ ca, rejectUnauthorized: true });
    expect(hubTls({ host: '127.0.0.1', certificate: null }, true)).toEqual({ rejectUnauthorized: true });
    expect(hubTls({ host: 'localhost', certificate: null })).toBe(false);
    expect(hubTls({ host: 'hub.example', certificate: null })).toEqual({ rejectUnauthorized: true });
  });
});

describe('join codes', () => {
  it('round-trip, whatever case or spaces the cashier types; anything else is not a code', () => {
    const code = { shopId: 12, tag: randomToken(6), password: randomToken(20) };
    const text = formatJoinCode(code);
    expect(parseJoinCode(text)).toEqual({ ...code, fingerprint: null });
    expect(parseJoinCode(` ${text.toUpperCase().replace(/-/g, ' - ')} `)).toEqual({ ...code, fingerprint: null });
    const fingerprint = randomToken(16);
    expect(parseJoinCode(formatJoinCode(code, fingerprint))).toEqual({ ...code, fingerprint });
    expect(parseJoinCode(`${text}-${fingerprint.slice(1)}`)).toBeNull();
    for (const bad of ['', '12-abc-def', `x-${code.tag}-${code.password}`, `12-${code.tag}-${code.password}1`, `12-${code.tag}-${code.password.slice(1)}0`]) {
      expect(parseJoinCode(bad), bad).toBeNull();
    }
  });
});
