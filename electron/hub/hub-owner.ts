// What the owner's role does on the hub: install the schema, create a shop, and issue one-time
// join codes. A join code carries a fresh database role and its first password; the counter that
// uses it takes a number and replaces the password at once, so the code works only once.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PoolClient } from 'pg';
import type { HubPool } from './hub-connection';

export type JoinCode = { shopId: number; tag: string; password: string };

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Bytes as letters and digits a cashier cannot misread (no i, l, o, 0, 1). */
export function codeText(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function randomToken(length: number): string {
  return codeText(randomBytes(length));
}

/** The role a join code stands for: `pos_counter_<shop>_<tag>`. */
export function counterRoleName(code: Pick<JoinCode, 'shopId' | 'tag'>): string {
  return `pos_counter_${code.shopId}_${code.tag}`;
}

/**
 * `<shop>-<tag>-<password>`, the text the owner hands the cashier, then `-<fingerprint>` when the
 * owner gave the hub's certificate: the joining till trusts only a certificate the hub presents
 * that matches it (hub-certificate.ts).
 */
export function formatJoinCode(code: JoinCode, fingerprint: string | null = null): string {
  return `${code.shopId}-${code.tag}-${code.password}${fingerprint ? `-${fingerprint}` : ''}`;
}

const codePattern = /^(\d{1,9})-([a-z2-9]{6})-([a-z2-9]{20})(?:-([a-z2-9]{16}))?$/;

export function parseJoinCode(text: string): (JoinCode & { fingerprint: string | null }) | null {
  const match = codePattern.exec(text.trim().toLowerCase().replace(/\s+/g, ''));
  return match ? { shopId: Number(match[1]), tag: match[2]!, password: match[3]!, fingerprint: match[4] ?? null } : null;
}

/**
 * A provider account as the hub knows it: a hash of the provider and the account's non-secret
 * identifier, so counter numbers can be kept apart per account without the hub holding it.
 */
export function providerAccountKey(provider: string, identifier: string): string {
  return createHash('sha256').update(`${provider}:${identifier}`).digest('hex');
}

export function installHubSchema(pool: HubPool, schemaFile: string): Promise<unknown> {
  const sql = readFileSync(schemaFile, 'utf8');
  return inTransaction(pool, (client) => client.query(sql));
}

export async function createShop(pool: HubPool, name: string, accountKeys: readonly string[]): Promise<number> {
  return inTransaction(pool, async (client) => {
    const shop = await client.query<{ id: string }>('INSERT INTO pos_hub.shops (name) VALUES ($1) RETURNING id', [name]);
    const shopId = Number(shop.rows[0]!.id);
    for (const key of accountKeys) await client.query('INSERT INTO pos_hub.shop_accounts (shop_id, account_key) VALUES ($1, $2)', [shopId, key]);
    return shopId;
  });
}

/** Creates the counter's role with only what a counter needs, and its row waiting for the join. */
export async function createJoinCode(pool: HubPool, shopId: number, label: string, database: string): Promise<JoinCode> {
  const code: JoinCode = { shopId, tag: randomToken(6), password: randomToken(20) };
  const role = counterRoleName(code);
  await inTransaction(pool, async (client) => {
    // Role names and passwords cannot be bound parameters; both are made here of [a-z0-9_] only.
    await client.query(`CREATE ROLE ${role} LOGIN NOINHERIT CONNECTION LIMIT 8 PASSWORD '${code.password}'`);
    await client.query(`GRANT CONNECT ON DATABASE "${database.replace(/"/g, '')}" TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA pos_hub TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE ON pos_hub.sales TO ${role}`);
    await client.query(`GRANT SELECT ON pos_hub.shops, pos_hub.counters, pos_hub.shop_settings TO ${role}`);
    await client.query(`GRANT EXECUTE ON FUNCTION pos_hub.my_counter(), pos_hub.my_shop(), pos_hub.claim_counter() TO ${role}`);
    await client.query(`GRANT EXECUTE ON FUNCTION pos_hub.search_shop_sales(text[], text[], text[], bigint, bigint, text, text, text, boolean, bigint, integer) TO ${role}`);
    await client.query('INSERT INTO pos_hub.counters (shop_id, role_name, label) VALUES ($1, $2, $3)', [shopId, role, label]);
  });
  return code;
}

export async function inTransaction<T>(pool: HubPool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw cause;
  } finally {
    client.release();
  }
}
