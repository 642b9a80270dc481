// The hub's certificate as a till trusts it: the PEM text the owner gives (the hub's self-signed
// certificate, or the private CA that signed it), checked before it is stored; the short
// fingerprint a join code carries; how a joining till finds that certificate on the hub itself, by a
// TLS handshake alone, so no file has to be carried to every till; and what a TLS failure means to
// the owner. The rules are in docs/architecture.md, "The shop hub".
import { createHash, X509Certificate } from 'node:crypto';
import { connect as connectTcp, isIP } from 'node:net';
import { connect as connectTls, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { ErrorCode } from '../../shared/result';
import { sqlState, type HubAddress } from './hub-connection';
import { codeText } from './hub-owner';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/**
 * The certificates in the text, one PEM block each; null when there is none, one does not parse,
 * or the text holds a private key (pasted by mistake: it must never leave the hub, nor be stored).
 */
export function parseCertificatePem(text: string): string | null {
  if (/PRIVATE KEY/.test(text)) return null;
  const blocks = text.match(PEM_BLOCK);
  if (!blocks) return null;
  try {
    for (const block of blocks) new X509Certificate(block);
  } catch {
    return null;
  }
  return `${blocks.map((block) => block.replace(/\r/g, '')).join('\n')}\n`;
}

function certificatesOf(pem: string): X509Certificate[] {
  return (pem.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block));
}

const selfSigned = (certificate: X509Certificate): boolean => certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);

/** The certificate of a PEM that is the root of trust: the self-signed one (the hub's own, or the CA), else the first. */
export function anchorOf(pem: string): X509Certificate {
  const all = certificatesOf(pem);
  return all.find(selfSigned) ?? all[0]!;
}

/** The anchor's SHA-256 fingerprint, `AB:CD:…`, for the owner to compare by eye. */
export function certificateFingerprint(pem: string): string {
  return anchorOf(pem).fingerprint256;
}

/**
 * 16 code letters from the SHA-256 of a certificate (about 79 bits): short enough to type with a
 * join code, far too long for anyone to make another certificate that matches it.
 */
export function codeFingerprint(certificate: X509Certificate): string {
  return codeText(createHash('sha256').update(certificate.raw).digest().subarray(0, 16));
}

/**
 * The code fingerprint of the owner's certificate when the hub presents it, so a joining till can
 * find it there; null when it does not (a CA left out of the hub's chain): tills then need the file.
 */
export async function joinFingerprint(address: HubAddress, pem: string): Promise<string | null> {
  const wanted = codeFingerprint(anchorOf(pem));
  const presented = await presentedCertificates(address);
  return presented.some((certificate) => codeFingerprint(certificate) === wanted) ? wanted : null;
}

/** The hub presents no certificate matching the one a join code names (or the one given with it). */
export class CertificateMismatch extends Error {
  constructor() {
    super("the hub's certificate is not the one the join code names");
  }
}

/** PostgreSQL's SSLRequest: length 8, code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
/** pg's own words when a server answers "no TLS", so one rule below reads both. */
const NO_TLS = 'The server does not support SSL connections';

/**
 * The certificates the hub presents (its own first, then any chain it sends). Only a TLS handshake
 * happens: no user name, password or query is sent, so an impostor learns nothing from it.
 */
export function presentedCertificates(address: HubAddress, timeoutMs = 5_000): Promise<X509Certificate[]> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: address.host, port: address.port });
    let secure: TLSSocket | null = null;
    const timer = setTimeout(() => finish(new Error('the hub did not finish the TLS handshake in time')), timeoutMs);
    function finish(error: Error | null, found: X509Certificate[] = []): void {
      clearTimeout(timer);
      secure?.destroy();
      socket.destroy();
      if (error) reject(error);
      else resolve(found);
    }
    socket.once('error', finish);
    socket.once('close', () => finish(new Error('the hub closed the connection during the TLS handshake')));
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (answer) => {
      if (answer[0] !== 0x53) return finish(new Error(NO_TLS));
      // Nothing is trusted yet: the certificates are only read, then matched by the caller.
      const tls = connectTls({ socket, rejectUnauthorized: false, ...(isIP(address.host) ? {} : { servername: address.host }) }, () => {
        const chain: X509Certificate[] = [];
        let current: DetailedPeerCertificate | undefined = tls.getPeerCertificate(true);
        while (current?.raw && !chain.some((seen) => seen.raw.equals(current!.raw))) {
          chain.push(new X509Certificate(current.raw));
          current = current.issuerCertificate;
        }
        finish(null, chain);
      });
      secure = tls;
      tls.once('error', finish);
    });
  });
}

/**
 * The certificate a joining till will trust: the one given by hand (which must match the code's
 * fingerprint, when the code has one), or else the one the hub presents that matches the code's
 * fingerprint (trust on first use, confirmed by the code the owner handed over); null when the code
 * names no certificate and none was given.
 */
export async function certificateForJoin(address: HubAddress, fingerprint: string | null, given: string | null): Promise<string | null> {
  if (given) {
    if (fingerprint && !certificatesOf(given).some((certificate) => codeFingerprint(certificate) === fingerprint)) throw new CertificateMismatch();
    return given;
  }
  if (!fingerprint) return null;
  const found = (await presentedCertificates(address)).find((certificate) => codeFingerprint(certificate) === fingerprint);
  if (!found) throw new CertificateMismatch();
  return found.toString();
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'INVALID_CA',
]);

/** A TLS failure reaching the hub as a stable code (its text never carries a password); null when it is not one. */
export function tlsFailure(cause: unknown): { code: ErrorCode; message: string } | null {
  if (cause instanceof CertificateMismatch) return { code: 'hub.certificate_mismatch', message: cause.message };
  const code = (cause as { code?: unknown } | null)?.code;
  const message = (cause as Error | null)?.message ?? '';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { code: 'hub.tls_name_mismatch', message: "the hub's certificate is for another name" };
  if (typeof code === 'string' && UNTRUSTED.has(code)) return { code: 'hub.tls_untrusted', message: `the hub's certificate is not trusted (${code})` };
  if (message.includes(NO_TLS)) return { code: 'hub.tls_unavailable', message: 'the hub does not offer TLS' };
  if (sqlState(cause) === '28000' && /no encryption/.test(message)) return { code: 'hub.tls_required', message: 'the hub accepts only TLS connections' };
  return null;
}
