// How a counter reaches the hub: its address as the owner types it (`host[:port]/database`), and a
// small pg pool for one role. TLS is required whenever the hub is not on this computer's loopback,
// since the hub role's password and every sale cross the shop's network; the hub's certificate (or
// its private CA), when the owner gave one, is the only thing trusted for it (docs/architecture.md,
// "The shop hub").
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { isLoopbackHost } from '../../shared/loopback';
import type { AppLogger } from '../log';

export type HubAddress = { host: string; port: number; database: string };
/** An address and the certificate this till trusts for it (PEM), if one was given. */
export type HubEndpoint = HubAddress & { certificate: string | null };

const addressPattern = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?\/([A-Za-z0-9_-]{1,63})$/;

/** `host[:port]/database` → its parts; null when it is not of that form. */
export function parseHubAddress(text: string): HubAddress | null {
  const match = addressPattern.exec(text.trim());
  if (!match) return null;
  const port = match[2] === undefined ? 5432 : Number(match[2]);
  if (port < 1 || port > 65_535) return null;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port, database: match[3]! };
}

export function formatHubAddress(address: HubAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}/${address.database}`;
}


export type HubPool = pg.Pool;

/**
 * How a connection to the hub is secured: with a certificate given, TLS trusting that certificate
 * alone (the server name still checked); otherwise TLS against the public CAs whenever the hub is
 * not on loopback (or `alwaysTls`, the same rule on loopback); plain only on loopback with no
 * certificate.
 */
export function hubTls(endpoint: { host: string; certificate?: string | null }, alwaysTls = false): false | ConnectionOptions {
  if (endpoint.certificate) return { ca: endpoint.certificate, rejectUnauthorized: true };
  if (alwaysTls || !isLoopbackHost(endpoint.host)) return { rejectUnauthorized: true };
  return false;
}

/**
 * A pool of at most `max` connections as one role. Idle connections that the hub drops (stopped,
 * restarted) are logged, never thrown: an unhandled pool error would end the app mid-sale.
 */
export function openHubPool(address: HubAddress & { certificate?: string | null }, user: string, password: string, log: AppLogger, max = 2, alwaysTls = false): HubPool {
  const pool = new pg.Pool({
    host: address.host,
    port: address.port,
    database: address.database,
    user,
    password,
    max,
    ssl: hubTls(address, alwaysTls),
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 30_000,
    application_name: 'recharge-pos',
  });
  pool.on('error', (error) => log.warn('hub connection dropped', { error: error.message }));
  return pool;
}

/** A pg error's SQLSTATE, if it has one. */
export function sqlState(cause: unknown): string | null {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}
