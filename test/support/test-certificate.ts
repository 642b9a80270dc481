// Certificates made for a test with the machine's `openssl` (self-signed, or signed by a test CA),
// as PEM text; nothing is kept after the test. Every call is bounded in time.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

export type TestCertificate = { certificate: string; key: string };

/** Why certificates cannot be made here, or null (Debian's postgresql pulls openssl in with ssl-cert). */
export const OPENSSL_MISSING = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe', timeout: 10_000 });
    return null;
  } catch {
    return 'openssl not found (apt-get install openssl)';
  }
})();

/**
 * A P-256 key and its certificate for `subjectAltName` (default: the hub on 127.0.0.1 or
 * localhost): self-signed, or signed by `issuer` when given (then a leaf, not a CA).
 */
export function makeTestCertificate(
  options: { commonName?: string; subjectAltName?: string; issuer?: TestCertificate; ca?: boolean } = {},
): TestCertificate {
  const temp = makeTempDir('pos-cert-');
  try {
    const file = (name: string) => join(temp.dir, name);
    const subject = `/CN=${options.commonName ?? 'test hub'}`;
    const san = `subjectAltName=${options.subjectAltName ?? 'IP:127.0.0.1,DNS:localhost'}`;
    const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe', timeout: 20_000 });
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('key.pem')];
    if (!options.issuer) {
      const extensions = options.ca ? ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'] : ['-addext', san];
      run(['req', '-x509', ...key, '-out', file('cert.pem'), '-days', '2', '-subj', subject, ...extensions]);
    } else {
      writeFileSync(file('ca.pem'), options.issuer.certificate);
      writeFileSync(file('ca.key'), options.issuer.key, { mode: 0o600 });
      writeFileSync(file('ext.cnf'), `${san}\nbasicConstraints=CA:FALSE\n`);
      run(['req', '-new', ...key, '-out', file('req.pem'), '-subj', subject]);
      run(['x509', '-req', '-in', file('req.pem'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-out', file('cert.pem'), '-extfile', file('ext.cnf')]);
    }
    return { certificate: readFileSync(file('cert.pem'), 'utf8'), key: readFileSync(file('key.pem'), 'utf8') };
  } finally {
    temp.remove();
  }
}
