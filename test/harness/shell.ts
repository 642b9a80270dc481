// The web shell (docs/architecture.md, "The web shell"): the same main-process services under plain Node, the built renderer
// served on 127.0.0.1, and `window.pos` bridged over HTTP from the same contract. For tests and
// development only: it binds loopback and is never packaged.
import { buildSync } from 'esbuild';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createLogger } from '../../electron/log';
import { createAppDispatch } from '../../electron/ipc/app-dispatch';
import type { Dispatch } from '../../electron/ipc/dispatch';
import { startServices, type ServiceDeps, type Services } from '../../electron/services';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');
export const MIGRATIONS_DIR = join(REPO_ROOT, 'electron', 'store', 'migrations');

export type ShellOptions = {
  dataDir?: string;
  port?: number;
  now?: () => number;
  logSink?: (line: string) => void;
  /** Extra service adapters a test wants to swap in. */
  deps?: Partial<ServiceDeps>;
};

export type Shell = { url: string; services: Services; dispatch: Dispatch; dataDir: string; token: string; close: () => Promise<void> };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const MAX_BODY = 1_000_000;

export async function startShell(options: ShellOptions = {}): Promise<Shell> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built: run "npm run build:renderer" first (${RENDERER_DIR} is missing)`);
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pos-shell-'));
  const now = options.now ?? Date.now;
  const log = createLogger(options.logSink ?? (() => undefined), now);
  const started = await startServices({
    dataDir,
    migrationsDir: MIGRATIONS_DIR,
    now,
    log,
    shell: 'web',
    version: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version,
    ...options.deps,
  });
  if (!started.ok) throw new Error(`services did not start: ${started.error.code}: ${started.error.message}`);
  const services = started.value;
  const dispatch = createAppDispatch(services);
  const token = randomBytes(24).toString('hex');
  const bridge = buildBridge(token);
  const eventStreams = new Set<ServerResponse>();
  const unsubscribe = services.events.subscribe((name, payload) => {
    const data = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const stream of eventStreams) stream.write(data);
  });

  let origin = '';
  const server = createServer((req, res) => {
    handle(req, res).catch((cause) => {
      log.error('shell request failed', { error: cause as Error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/__pos/invoke/') && req.method === 'POST') {
      // Same-origin and the launch token: a page from any other origin on this machine cannot call in.
      const sameOrigin = req.headers.origin === origin;
      const trusted = sameOrigin && tokenMatches(req.headers['x-pos-token'], token);
      const body = await readBody(req);
      let payload: unknown;
      try {
        payload = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendJson(res, 200, { ok: false, error: { code: 'input.invalid', message: 'request body is not JSON', params: { detail: 'not JSON' } } });
      }
      const name = decodeURIComponent(url.pathname.slice('/__pos/invoke/'.length));
      const result = await dispatch(name, payload, { trustedSender: trusted });
      return sendJson(res, trusted ? 200 : 403, result);
    }
    if (url.pathname === '/__pos/events' && req.method === 'GET') {
      if (!tokenMatches(url.searchParams.get('token') ?? '', token)) return void res.writeHead(403).end();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }
    if (url.pathname === '/__pos/bridge.js') {
      if (req.headers['sec-fetch-site'] && req.headers['sec-fetch-site'] !== 'same-origin') return void res.writeHead(403).end();
      res.writeHead(200, { 'content-type': MIME['.js']!, 'cache-control': 'no-store' });
      return void res.end(bridge);
    }
    return serveStatic(url.pathname, res);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    services,
    dispatch,
    dataDir,
    token,
    close: async () => {
      unsubscribe();
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.stop();
    },
  };
}

function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function buildBridge(token: string): string {
  const out = buildSync({
    entryPoints: [join(import.meta.dirname, 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    define: { __POS_TOKEN__: JSON.stringify(token) },
  });
  return out.outputFiles[0]!.text;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

function serveStatic(pathname: string, res: ServerResponse) {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(RENDERER_DIR, relative === '' ? 'index.html' : relative);
  if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  if (file.endsWith('index.html')) {
    // The bridge must define window.pos before the app's module script runs.
    const html = readFileSync(file, 'utf8').replace('<head>', '<head><script src="./__pos/bridge.js"></script>');
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    return void res.end(html);
  }
  res.writeHead(200, { 'content-type': type });
  createReadStream(file).pipe(res);
}
