// A real PostgreSQL for the hub tests: `initdb` into a temp folder, `pg_ctl` on 127.0.0.1 on a
// free port, password (SCRAM) authentication, stopped and removed afterwards. initdb refuses root,
// so as root the server runs as the `postgres` user (Debian's package creates it) in a folder that
// user owns. Every step is bounded in time. With `tls`, the server offers TLS with the given
// certificate and pg_hba accepts TCP connections over TLS only (`hostssl`), so a plain connection is
// refused: a test that gets through has used TLS.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
export const POSTGRES_BIN = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
/** Why the hub tests are skipped here, or null when they can run. */
export const POSTGRES_MISSING = POSTGRES_BIN
  ? null
  : `PostgreSQL 15+ binaries not found in ${BIN_DIRS.join(', ')} (apt-get install postgresql; .ci/run does)`;

export type TestPostgres = {
  host: string;
  port: number;
  /** The cluster's superuser: what an owner's DBA would use once to create the owner role. */
  superuser: { user: string; password: string };
  /** What a client trusts for the server (PEM) when it was started with TLS, else null. */
  certificate: string | null;
  stop(): void;
  start(): void;
  remove(): void;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `tls.certificate`: what the server presents (its certificate, maybe with its chain); `tls.ca`: what clients trust, when not that. */
export type TestPostgresTls = { certificate: string; key: string; ca?: string };

export async function startPostgres(options: { tls?: TestPostgresTls } = {}): Promise<TestPostgres> {
  if (!POSTGRES_BIN) throw new Error(POSTGRES_MISSING ?? 'no postgres');
  const bin = POSTGRES_BIN;
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : null;
  const ownerGid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : null;
  const root = mkdtempSync(join(tmpdir(), 'pos-pg-'));
  const data = join(root, 'data');
  const password = `pw${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  writeFileSync(join(root, 'pwfile'), password);
  if (asRoot) {
    chmodSync(root, 0o700);
    chownSync(root, owner!, ownerGid!);
    chownSync(join(root, 'pwfile'), owner!, ownerGid!);
  }
  const run = (tool: string, args: string[], timeout = 60_000) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, full, { stdio: 'pipe', timeout, cwd: root });
  };
  run('initdb', ['-D', data, '-U', 'hubadmin', '--auth=scram-sha-256', `--pwfile=${join(root, 'pwfile')}`, '-E', 'UTF8', '--no-sync', '--locale=C']);
  rmSync(join(root, 'pwfile'));
  let tlsOptions = '';
  if (options.tls) {
    const files = { crt: join(root, 'server.crt'), key: join(root, 'server.key'), hba: join(data, 'pg_hba.conf') };
    writeFileSync(files.crt, options.tls.certificate);
    writeFileSync(files.key, options.tls.key, { mode: 0o600 });
    writeFileSync(files.hba, 'local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
    if (asRoot) for (const file of Object.values(files)) chownSync(file, owner!, ownerGid!);
    tlsOptions = ` -c ssl=on -c ssl_cert_file=${files.crt} -c ssl_key_file=${files.key}`;
  }
  const port = await freePort();
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c max_connections=60 -c shared_buffers=32MB${tlsOptions}`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-o', serverOptions, '-w', '-t', '30', 'start'], 40_000);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'], 40_000);
  start();
  let running = true;
  return {
    host: '127.0.0.1',
    port,
    superuser: { user: 'hubadmin', password },
    certificate: options.tls ? (options.tls.ca ?? options.tls.certificate) : null,
    stop() {
      if (!running) return;
      stop();
      running = false;
    },
    start() {
      if (running) return;
      start();
      running = true;
    },
    remove() {
      try {
        if (running) stop();
      } finally {
        running = false;
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
