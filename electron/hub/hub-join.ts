// A counter joining its shop: it logs in with the role its one-time code names, is given its
// counter number by the hub, and replaces the code's password with its own in the same hub
// transaction, so the code cannot be used again (by it or anyone who saw it). The till saves that
// password (a pending join, hub-store.ts) before asking: if it stops after the hub committed but
// before the link was written, the code's password no longer opens the role and the saved one does,
// so the next attempt reads its counter back (readClaimedCounter) instead of being locked out.
import type { AppLogger } from '../log';
import { openHubPool, sqlState, type HubEndpoint } from './hub-connection';
import { counterRoleName, inTransaction, type JoinCode } from './hub-owner';
import type { HubLink } from './hub-store';

type ClaimedRow = { counter_id: string; shop_id: string; shop_name: string; counter_number: number };

function linkOf(address: HubEndpoint, role: string, row: ClaimedRow, now: () => number): HubLink {
  return {
    ...address,
    role,
    shopId: Number(row.shop_id),
    shopName: row.shop_name,
    counterId: Number(row.counter_id),
    counterNumber: row.counter_number,
    joinedAt: now(),
  };
}

/** True when the hub refused the login itself (wrong password, or no such role). */
export function isLoginRefused(cause: unknown): boolean {
  const state = sqlState(cause);
  return state === '28P01' || state === '28000';
}

/** Claims the code's counter and gives its role `password` (the till's, saved as a pending join beforehand). */
export async function claimCounter(
  address: HubEndpoint,
  code: JoinCode,
  password: string,
  log: AppLogger,
  now: () => number,
  alwaysTls = false,
): Promise<HubLink> {
  const role = counterRoleName(code);
  const pool = openHubPool(address, role, code.password, log, 1, alwaysTls);
  try {
    const claimed = await inTransaction(pool, async (client) => {
      const result = await client.query<ClaimedRow>('SELECT * FROM pos_hub.claim_counter()');
      // Made of [a-z2-9] only (randomToken): a role's password cannot be a bound parameter.
      await client.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
      return result.rows[0]!;
    });
    return linkOf(address, role, claimed, now);
  } finally {
    await pool.end();
  }
}

/**
 * The counter `role` already is, read with the password this till gave it; null when that role has
 * no counter number (not claimed). Throws when the hub refuses the login: the claim with this
 * password never committed.
 */
export async function readClaimedCounter(
  address: HubEndpoint,
  role: string,
  password: string,
  log: AppLogger,
  now: () => number,
  alwaysTls = false,
): Promise<HubLink | null> {
  const pool = openHubPool(address, role, password, log, 1, alwaysTls);
  try {
    const rows = (
      await pool.query<ClaimedRow>(
        `SELECT c.id AS counter_id, c.shop_id, s.name AS shop_name, c.number AS counter_number
         FROM pos_hub.counters c JOIN pos_hub.shops s ON s.id = c.shop_id WHERE c.id = pos_hub.my_counter()`,
      )
    ).rows;
    return rows[0] && rows[0].counter_number !== null ? linkOf(address, role, rows[0], now) : null;
  } finally {
    await pool.end();
  }
}
