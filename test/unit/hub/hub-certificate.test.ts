// The hub's certificate as the owner pastes it, and the fingerprint a join code carries.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { anchorOf, certificateFingerprint, codeFingerprint, parseCertificatePem, presentedCertificates } from '../../../electron/hub/hub-certificate';
import { makeTestCertificate, OPENSSL_MISSING } from '../../support/test-certificate';

describe.skipIf(OPENSSL_MISSING !== null)("the hub's certificate", () => {
  const hub = OPENSSL_MISSING ? { certificate: '', key: '' } : makeTestCertificate();
  const ca = OPENSSL_MISSING ? hub : makeTestCertificate({ commonName: 'shop CA', ca: true });

  it('takes PEM certificates with anything around them (a CRLF file, a chain); refuses text, a broken block or a private key', () => {
    expect(parseCertificatePem(hub.certificate)).toBe(hub.certificate);
    expect(parseCertificatePem(`subject=CN = test hub\r\n${hub.certificate.replace(/\n/g, '\r\n')}`)).toBe(hub.certificate);
    expect(parseCertificatePem(`${hub.certificate}${ca.certificate}`)).toBe(`${hub.certificate}${ca.certificate}`);
    for (const bad of ['', 'hello', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', hub.key, `${hub.certificate}${hub.key}`]) {
      expect(parseCertificatePem(bad), bad.slice(0, 40)).toBeNull();
    }
  });

  it("a join code's fingerprint: 16 code letters of the certificate's SHA-256, different for another", () => {
    const fingerprint = codeFingerprint(new X509Certificate(hub.certificate));
    expect(fingerprint).toMatch(/^[a-z2-9]{16}$/);
    expect(codeFingerprint(new X509Certificate(ca.certificate))).not.toBe(fingerprint);
    expect(certificateFingerprint(hub.certificate)).toBe(new X509Certificate(hub.certificate).fingerprint256);
    expect(certificateFingerprint(hub.certificate)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('the root of trust of a chain is its self-signed certificate (the CA), wherever it stands', () => {
    const leaf = makeTestCertificate({ issuer: ca });
    expect(anchorOf(`${leaf.certificate}${ca.certificate}`).fingerprint256).toBe(new X509Certificate(ca.certificate).fingerprint256);
    expect(anchorOf(leaf.certificate).fingerprint256).toBe(new X509Certificate(leaf.certificate).fingerprint256);
    expect(anchorOf(hub.certificate).fingerprint256).toBe(new X509Certificate(hub.certificate).fingerprint256);
  });

  it('reading what a hub presents ends at once when the other side hangs up instead of answering', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const started = Date.now();
    try {
      await expect(presentedCertificates({ host: '127.0.0.1', port, database: 'x' })).rejects.toThrow(/closed/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      server.close();
    }
  });
});
