// The hub over TLS, against a real PostgreSQL with `ssl=on`, a certificate made for the test
// (IP:127.0.0.1, DNS:localhost) and pg_hba set to `hostssl` only, so anything that gets through
// has used TLS. Tills built with `hubAlwaysTls` follow the rule every hub on another computer gets
// (TLS always, verified); the others the loopback rule (TLS only when a certificate was given).
import { X509Certificate } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorOf, codeFingerprint } from '../../../electron/hub/hub-certificate';
import { money } from '../../../shared/money';
import type { HubStatus } from '../../../shared/ipc/hub';
import ar from '../../../renderer/i18n/locales/ar/errors.json';
import en from '../../../renderer/i18n/locales/en/errors.json';
import { POSTGRES_MISSING, startPostgres, type TestPostgres, type TestPostgresTls } from '../../support/postgres';
import { makeTestCertificate, OPENSSL_MISSING, type TestCertificate } from '../../support/test-certificate';
import { eventually, OWNER, startHubRig, WETA_ACCOUNT, type Counter, type HubRig } from './hub-rig';
import { defaultSimAccount } from '../../harness/simulator-faults/alqimah';

const ctx = { trustedSender: true };
const remote = { hubAlwaysTls: true };
let rig: HubRig;
let hub: TestCertificate;
let impostor: TestCertificate;
let owner: Counter;
let joinCode: string;

type Failure = { ok: false; error: { code: string; message: string } };

async function createShop(till: Counter, certificate?: string, address = rig.address) {
  till.services.accounts.set('alqimah', { ...defaultSimAccount });
  till.services.accounts.set('weta', { ...WETA_ACCOUNT });
  const request = { address, user: OWNER.user, password: OWNER.password, shopName: 'TLS shop', counterLabel: 'Till 1' };
  return till.services.dispatch('hub.createShop', certificate === undefined ? request : { ...request, certificate }, ctx);
}

async function join(till: Counter, code: string, certificate?: string, address = rig.address) {
  return till.services.dispatch('hub.join', { address, code, ...(certificate === undefined ? {} : { certificate }) }, ctx);
}

async function issueCode(label: string): Promise<string> {
  const issued = await owner.services.dispatch('hub.joinCode', { label }, ctx);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return (issued.value as { code: string }).code;
}

/** The refusal's code, after checking it is translated in both languages and leaks no password. */
function refusal(result: unknown): string {
  expect((result as { ok: boolean }).ok, JSON.stringify(result)).toBe(false);
  const { code, message } = (result as Failure).error;
  const key = code.replace(/^hub\./, '') as keyof typeof en.hub;
  expect(code.startsWith('hub.') ? [en.hub[key], ar.hub[key]] : ['x', 'x']).toEqual([expect.any(String), expect.any(String)]);
  expect(`${JSON.stringify(result)}`).not.toContain(OWNER.password);
  expect(message).not.toContain('PRIVATE');
  return code;
}

const hubShops = async () => (await rig.asOwner<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'pos_hub'"))[0]!.n;

describe.skipIf(POSTGRES_MISSING !== null || OPENSSL_MISSING !== null)('the hub over TLS', () => {
  beforeAll(async () => {
    hub = makeTestCertificate();
    impostor = makeTestCertificate({ commonName: 'impostor' });
    rig = await startHubRig({ tls: hub });
    owner = await rig.counter(undefined, remote);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('the hub refuses a connection without TLS, so every till that gets through used it', async () => {
    const plain = new pg.Client({ host: rig.pg.host, port: rig.pg.port, user: OWNER.user, password: OWNER.password, database: OWNER.database, ssl: false });
    await expect(plain.connect()).rejects.toThrow(/no encryption/);
    await plain.end().catch(() => undefined);
  });

  it('bad PEM text, or a private key pasted by mistake, is refused before anything is sent', async () => {
    const till = await rig.counter(undefined, remote);
    expect(refusal(await createShop(till, 'not a certificate'))).toBe('hub.invalid_certificate');
    const key = await createShop(till, hub.key);
    expect(refusal(key)).toBe('hub.invalid_certificate');
    expect(JSON.stringify(key)).not.toContain(hub.key.split('\n')[1]!);
    const broken = hub.certificate.replace(/^(-----BEGIN CERTIFICATE-----\n)(.{10})/, '$1AAAAAAAAAA');
    expect(refusal(await createShop(till, broken))).toBe('hub.invalid_certificate');
    expect(await hubShops()).toBe('0');
  });

  it("a till that must use TLS refuses the hub's self-signed certificate when it was not given, or another one was", async () => {
    const till = await rig.counter(undefined, remote);
    expect(refusal(await createShop(till))).toBe('hub.tls_untrusted');
    expect(refusal(await createShop(till, impostor.certificate))).toBe('hub.tls_untrusted');
    expect(await hubShops()).toBe('0');
    const status = (await till.services.dispatch('hub.status', {}, ctx)) as { ok: true; value: HubStatus };
    expect(status.value).toMatchObject({ linked: false, owner: false });
  });

  it('on loopback without a certificate a till does not use TLS: this hub refuses it, and the till says why', async () => {
    const till = await rig.counter();
    expect(refusal(await createShop(till))).toBe('hub.tls_required');
  });

  it('the server name is checked: an address the certificate does not carry is refused', async () => {
    const till = await rig.counter(undefined, remote);
    // 127.1 reaches 127.0.0.1, but only IP:127.0.0.1 and DNS:localhost are on the certificate.
    expect(refusal(await createShop(till, hub.certificate, `127.1:${rig.pg.port}/${OWNER.database}`))).toBe('hub.tls_name_mismatch');
  });

  it('with the right certificate the owner creates the shop over TLS; join codes carry its fingerprint', async () => {
    const created = await createShop(owner, hub.certificate);
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const fingerprint = new X509Certificate(hub.certificate).fingerprint256;
    expect(created.ok && created.value).toMatchObject({ linked: true, owner: true, counterNumber: 1, certificateFingerprint: fingerprint });
    joinCode = await issueCode('Till 2');
    expect(joinCode.split('-')).toHaveLength(4);
    expect(joinCode.endsWith(`-${codeFingerprint(anchorOf(hub.certificate))}`)).toBe(true);
    const sale = await owner.services.sales.engine.submit({ number: '777100001', product: { kind: 'amount', amount: money(500_00) }, submitKey: 'tls-owner-sale-1' });
    expect(sale.ok).toBe(true);
    expect(await eventually(async () => (await rig.asOwner("SELECT 1 FROM pos_hub.sales WHERE number = '777100001'")).length === 1)).toBe(true);
    // The till's own connection, still open after shipping, is encrypted.
    const seen = await rig.sql<{ ssl: boolean }>(rig.pg.superuser.user, rig.pg.superuser.password,
      "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'recharge-pos' AND a.usename LIKE 'pos_counter_%'",
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((row) => row.ssl)).toBe(true);
  });

  it('a code whose fingerprint the hub does not present, or a certificate that is not the one the code names, is refused before the code is used', async () => {
    const till = await rig.counter(undefined, remote);
    const forged = joinCode.replace(/-[a-z2-9]{16}$/, `-${codeFingerprint(anchorOf(impostor.certificate))}`);
    expect(refusal(await join(till, forged))).toBe('hub.certificate_mismatch');
    expect(refusal(await join(till, joinCode, impostor.certificate))).toBe('hub.certificate_mismatch');
    expect(refusal(await join(till, joinCode, 'garbage'))).toBe('hub.invalid_certificate');
    const [row] = await rig.asOwner<{ number: number | null }>("SELECT number FROM pos_hub.counters WHERE label = 'Till 2'");
    expect(row!.number).toBeNull();
  });

  it('a till joins with the code alone: it trusts the certificate the code names, by name, and ships its sales over TLS, also after a restart', async () => {
    const till = await rig.counter(undefined, remote);
    const joined = await join(till, joinCode, undefined, `localhost:${rig.pg.port}/${OWNER.database}`);
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    expect(joined.ok && joined.value).toMatchObject({ counterNumber: 2, certificateFingerprint: new X509Certificate(hub.certificate).fingerprint256 });
    const stored = till.services.db.prepare('SELECT certificate FROM hub_link').pluck().get() as string;
    expect(new X509Certificate(stored).raw.equals(new X509Certificate(hub.certificate).raw)).toBe(true);
    await till.services.sales.engine.submit({ number: '777100002', product: { kind: 'amount', amount: money(700_00) }, submitKey: 'tls-till2-sale-1' });
    expect(await eventually(async () => (await rig.asOwner("SELECT 1 FROM pos_hub.sales WHERE number = '777100002'")).length === 1)).toBe(true);
    await till.close();
    const again = await rig.counter(till.dir, remote);
    await again.services.sales.engine.submit({ number: '777100003', product: { kind: 'amount', amount: money(900_00) }, submitKey: 'tls-till2-sale-2' });
    expect(await eventually(async () => (await rig.asOwner("SELECT 1 FROM pos_hub.sales WHERE number = '777100003'")).length === 1)).toBe(true);
    const rows = await rig.asOwner<{ number: string; counter: number }>(
      "SELECT s.number, c.number AS counter FROM pos_hub.sales s JOIN pos_hub.counters c ON c.id = s.counter_id WHERE s.number LIKE '7771%' ORDER BY s.number",
    );
    expect(rows).toEqual([{ number: '777100001', counter: 1 }, { number: '777100002', counter: 2 }, { number: '777100003', counter: 2 }]);
  });

  it('a code without a fingerprint needs the certificate by hand: the right one joins (on loopback too), another self-signed one is refused', async () => {
    const bare = (await issueCode('Till 3')).replace(/-[a-z2-9]{16}$/, '');
    const wrong = await rig.counter(undefined, remote);
    expect(refusal(await join(wrong, bare))).toBe('hub.tls_untrusted');
    expect(refusal(await join(wrong, bare, impostor.certificate))).toBe('hub.tls_untrusted');
    const right = await rig.counter();
    const joined = await join(right, bare, hub.certificate);
    expect(joined.ok && joined.value, JSON.stringify(joined)).toMatchObject({ linked: true, counterNumber: 3 });
    await right.services.sales.engine.submit({ number: '777100004', product: { kind: 'amount', amount: money(300_00) }, submitKey: 'tls-till3-sale-1' });
    expect(await eventually(async () => (await rig.asOwner("SELECT 1 FROM pos_hub.sales WHERE number = '777100004'")).length === 1)).toBe(true);
  });

  it('a till stopped right after the hub took its code finishes the join at its next start, over TLS with the certificate the code named', async () => {
    const code = await issueCode('Till 4');
    const till = await rig.counter(undefined, remote);
    // The till's write of its link fails, as if it stopped right after the hub's commit.
    till.services.db.exec("CREATE TEMP TRIGGER stop_after_hub_commit BEFORE INSERT ON main.hub_link BEGIN SELECT RAISE(ABORT, 'till stopped'); END");
    expect((await join(till, code)).ok).toBe(false);
    await till.close();
    const again = await rig.counter(till.dir, remote);
    expect(await eventually(() => again.services.hub.status().linked, 10_000)).toBe(true);
    expect(again.services.hub.status()).toMatchObject({ counterNumber: 4, certificateFingerprint: new X509Certificate(hub.certificate).fingerprint256 });
    await again.services.sales.engine.submit({ number: '777100005', product: { kind: 'amount', amount: money(400_00) }, submitKey: 'tls-till4-sale-1' });
    expect(await eventually(async () => (await rig.asOwner("SELECT 1 FROM pos_hub.sales WHERE number = '777100005'")).length === 1)).toBe(true);
  });

  describe("a hub whose certificate comes from the shop's own CA", () => {
    let ca: TestCertificate;
    let leaf: TestCertificate;
    const rigs: HubRig[] = [];
    beforeAll(() => {
      ca = makeTestCertificate({ commonName: 'shop CA', ca: true });
      leaf = makeTestCertificate({ commonName: 'shop hub', issuer: ca });
    });
    afterAll(async () => {
      for (const started of rigs) await started.close();
    });

    async function shopOn(tls: TestPostgresTls): Promise<{ other: HubRig; code: { code: string; certificateByHand: boolean } }> {
      const other = await startHubRig({ tls });
      rigs.push(other);
      const till = await other.counter(undefined, remote);
      const created = await createShop(till, ca.certificate, other.address);
      expect(created.ok && created.value, JSON.stringify(created)).toMatchObject({ counterNumber: 1, certificateFingerprint: new X509Certificate(ca.certificate).fingerprint256 });
      const issued = await till.services.dispatch('hub.joinCode', { label: 'Till 2' }, ctx);
      if (!issued.ok) throw new Error(JSON.stringify(issued));
      return { other, code: issued.value as { code: string; certificateByHand: boolean } };
    }

    it('when the hub sends the CA in its chain, the code names the CA and a till joins with the code alone', async () => {
      const { other, code } = await shopOn({ certificate: `${leaf.certificate}${ca.certificate}`, key: leaf.key });
      expect(code.certificateByHand).toBe(false);
      expect(code.code.endsWith(`-${codeFingerprint(new X509Certificate(ca.certificate))}`)).toBe(true);
      const till = await other.counter(undefined, remote);
      const joined = await join(till, code.code, undefined, other.address);
      expect(joined.ok && joined.value, JSON.stringify(joined)).toMatchObject({ counterNumber: 2 });
      const stored = till.services.db.prepare('SELECT certificate FROM hub_link').pluck().get() as string;
      expect(new X509Certificate(stored).fingerprint256).toBe(new X509Certificate(ca.certificate).fingerprint256);
    }, 60_000);

    it("when it does not, the code cannot name it and says so: the till needs the CA by hand, and the hub's certificate alone is not enough", async () => {
      const { other, code } = await shopOn({ ...leaf, ca: ca.certificate });
      expect(code.certificateByHand).toBe(true);
      expect(code.code.split('-')).toHaveLength(3);
      const till = await other.counter(undefined, remote);
      expect(refusal(await join(till, code.code, undefined, other.address))).toBe('hub.tls_untrusted');
      expect(refusal(await join(till, code.code, leaf.certificate, other.address))).toBe('hub.tls_untrusted');
      const joined = await join(till, code.code, ca.certificate, other.address);
      expect(joined.ok && joined.value, JSON.stringify(joined)).toMatchObject({ counterNumber: 2 });
    }, 60_000);
  });

  describe('a hub without TLS', () => {
    let plain: TestPostgres;
    beforeAll(async () => {
      plain = await startPostgres();
    }, 60_000);
    afterAll(() => plain?.remove());

    it('is refused, said so, by a till that must use TLS, and by a join code that names a certificate', async () => {
      const address = `127.0.0.1:${plain.port}/postgres`;
      const till = await rig.counter(undefined, remote);
      expect(refusal(await createShop(till, undefined, address))).toBe('hub.tls_unavailable');
      const onLoopback = await rig.counter();
      expect(refusal(await createShop(onLoopback, hub.certificate, address))).toBe('hub.tls_unavailable');
      expect(refusal(await join(onLoopback, joinCode, undefined, address))).toBe('hub.tls_unavailable');
    });
  });
});
