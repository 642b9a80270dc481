// The stand-in's `protocol` (docs/api/protocol.md) and `net` (docs/api/net.md): a scheme's handler gets
// a real Request and answers a Response; net.fetch reads file: URLs as Chromium does.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readiness, READY_ONLY, record } from './lifecycle';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const handlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    if (readiness.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler) {
    if (!readiness.ready) throw READY_ONLY('protocol.handle');
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    handlers.set(scheme, handler);
  },
  isProtocolHandled(scheme: string) {
    return handlers.has(scheme);
  },
};

/** The content types Chromium gives file: URLs by their extension (net/base/mime_util.cc). */
const CHROMIUM_MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export const net = {
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (url.startsWith('file:')) {
      const file = fileURLToPath(url);
      if (!existsSync(file)) throw new TypeError('net::ERR_FILE_NOT_FOUND');
      // Chromium answers a folder with a page listing what is in it.
      if (statSync(file).isDirectory()) {
        const names = readdirSync(file).map((name) => `<a href="${encodeURIComponent(name)}">${name}</a>`);
        return new Response(`<html><body>${names.join('<br>')}</body></html>`, { status: 200, headers: { 'content-type': 'text/html' } });
      }
      const type = CHROMIUM_MIME[extname(file).toLowerCase()];
      return new Response(readFileSync(file), { status: 200, headers: type ? { 'content-type': type } : {} });
    }
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = handlers.get(scheme);
    if (handler) return handler(new Request(url, init));
    return fetch(input, init);
  },
};

/** A request from a page: through the scheme's handler, or refused as Chromium refuses an unknown scheme. */
export async function pageRequest(url: string): Promise<Response> {
  const scheme = url.slice(0, url.indexOf(':'));
  const handler = handlers.get(scheme);
  if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
  return handler(new Request(url));
}
