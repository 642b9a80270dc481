// A counter joining its shop: it logs in with the role its one-time code names, is given its
// counter number by the hub, and replaces the code's password with one of its own in the same
// hub transaction, so the code cannot be used again (by it or anyone who saw it).
import type { AppLogger } from '../log';
import { openHubPool, type HubEndpoint } from './hub-connection';
import { counterRoleName, inTransaction, randomToken, type JoinCode } from './hub-owner';
import type { HubLink } from './hub-store';

export async function claimCounter(
  address: HubEndpoint,
  code: JoinCode,
  log: AppLogger,
  now: () => number,
  alwaysTls = false,
): Promise<{ link: HubLink; password: string }> {
  const role = counterRoleName(code);
  const pool = openHubPool(address, role, code.password, log, 1, alwaysTls);
  try {
    const password = randomToken(32);
    const claimed = await inTransaction(pool, async (client) => {
      const result = await client.query<{ counter_id: string; shop_id: string; shop_name: string; counter_number: number }>(
        'SELECT * FROM pos_hub.claim_counter()',
      );
      await client.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
      return result.rows[0]!;
    });
    return {
      password,
      link: {
        ...address,
        role,
        shopId: Number(claimed.shop_id),
        shopName: claimed.shop_name,
        counterId: Number(claimed.counter_id),
        counterNumber: claimed.counter_number,
        joinedAt: now(),
      },
    };
  } finally {
    await pool.end();
  }
}
