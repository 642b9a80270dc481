// Ships the outbox to the hub: in outbox order, a batch per hub transaction, each sale as its
// current journal row. The hub keeps a row per (shop, counter, transaction id) and replaces it only
// with a later state, so a batch sent twice (the counter killed after the hub committed, before
// the outbox rows were deleted) changes nothing the second time. While the hub cannot be reached
// the outbox waits and the shipper backs off; selling never waits for any of this.
import type { Db } from '../store/database';
import type { AppLogger } from '../log';
import type { HubPool } from './hub-connection';
import type { HubLink } from './hub-store';

export type ShipperOptions = {
  /** Outbox rows per hub transaction. */
  batch: number;
  /** How often an idle shipper looks at the outbox, in ms. */
  idleMs: number;
  /** Back-off after a failed shipment: base doubled per failure up to max, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * While backing off, how long after the hub last failed something a person did (a sale, a history
   * search) may try the hub at once instead of waiting out the back-off: prompt when the hub is
   * back, never more than one attempt per this many ms at a dead one.
   */
  probeEveryMs: number;
};

export const DEFAULT_SHIPPER: ShipperOptions = { batch: 500, idleMs: 500, backoffBaseMs: 1_000, backoffMaxMs: 15_000, probeEveryMs: 2_000 };

type OutboxSale = {
  tx_id: number;
  provider: string;
  network: string;
  number: string;
  product: string;
  price_minor: number | null;
  price_currency: string | null;
  state: string;
  provider_ref: string | null;
  message: string | null;
  error_code: string | null;
  cashier_id: string | null;
  training: number;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
};

// Everything but the webhook code's hash and the raw provider exchanges: the hub needs to find and
// total sales, not to talk to a provider.
const UPSERT = `
INSERT INTO pos_hub.sales (shop_id, counter_id, tx_id, provider, network, number, product, price_minor, price_currency,
  state, provider_ref, message, error_code, cashier_id, training, created_at, updated_at, sent_at)
SELECT $1, $2, r.tx_id, r.provider, r.network, r.number, r.product::jsonb, r.price_minor, r.price_currency,
  r.state, r.provider_ref, r.message, r.error_code, r.cashier_id, r.training = 1, r.created_at, r.updated_at, r.sent_at
FROM jsonb_to_recordset($3::jsonb) AS r(tx_id bigint, provider text, network text, number text, product text, price_minor bigint,
  price_currency text, state text, provider_ref text, message text, error_code text, cashier_id text, training int,
  created_at bigint, updated_at bigint, sent_at bigint)
ON CONFLICT (shop_id, counter_id, tx_id) DO UPDATE SET
  provider = excluded.provider, price_minor = excluded.price_minor, price_currency = excluded.price_currency,
  state = excluded.state, provider_ref = excluded.provider_ref, message = excluded.message, error_code = excluded.error_code,
  updated_at = excluded.updated_at, sent_at = excluded.sent_at, received_at = clock_timestamp(),
  writes = pos_hub.sales.writes + 1
WHERE pos_hub.sales.state_rank < excluded.state_rank`;

export type ShipperStatus = { queued: number; lastShippedAt: number | null; failingSince: number | null; lastError: string | null };

export function createShipper(deps: {
  db: Db;
  link: HubLink;
  pool: HubPool;
  log: AppLogger;
  now: () => number;
  options?: Partial<ShipperOptions>;
  random?: () => number;
}) {
  const options = { ...DEFAULT_SHIPPER, ...deps.options };
  const random = deps.random ?? Math.random;
  const selectBatch = deps.db.prepare('SELECT id, tx_id FROM hub_outbox ORDER BY id LIMIT ?');
  const countQueued = deps.db.prepare('SELECT count(*) FROM hub_outbox').pluck();
  const deleteShipped = deps.db.prepare('DELETE FROM hub_outbox WHERE id <= ?');
  const selectSales = deps.db.prepare(
    `SELECT tx_id, provider, network, number, product, price_minor, price_currency, state, provider_ref, message, error_code,
       cashier_id, training, created_at, updated_at, sent_at
     FROM sales WHERE tx_id IN (SELECT value FROM json_each(?))`,
  );

  const status: Omit<ShipperStatus, 'queued'> = { lastShippedAt: null, failingSince: null, lastError: null };
  let failures = 0;
  // When the hub last failed to answer this shipper, a search or the owner's read (an idle look at
  // an empty outbox does not ask it, so it is no attempt). `status.failingSince` is set by any of
  // them and cleared only by an answer from the hub, so it is the till's one "unreachable since".
  let lastFailureAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = true;
  let inFlight: Promise<void> = Promise.resolve();

  /** Ships one batch; returns how many outbox rows it cleared (0: nothing queued). Throws when the hub refuses or is away. */
  async function shipOnce(): Promise<number> {
    const rows = selectBatch.all(options.batch) as { id: number; tx_id: number }[];
    if (rows.length === 0) return 0;
    const ids = [...new Set(rows.map((r) => r.tx_id))];
    const sales = selectSales.all(JSON.stringify(ids)) as OutboxSale[];
    await deps.pool.query(UPSERT, [deps.link.shopId, deps.link.counterId, JSON.stringify(sales)]);
    deleteShipped.run(rows[rows.length - 1]!.id);
    status.lastShippedAt = deps.now();
    reached();
    return rows.length;
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const shipped = await shipOnce();
      if (shipped === 0) return;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }

  function tick() {
    timer = null;
    if (running || stopped) return;
    running = true;
    inFlight = drain().then(
      () => {
        if (failures > 0) deps.log.info('hub reachable again', { after: failures });
        failures = 0;
        running = false;
        schedule(options.idleMs);
      },
      (cause: unknown) => {
        failures++;
        lastFailureAt = deps.now();
        status.failingSince ??= deps.now();
        status.lastError = (cause as Error).message;
        if (failures === 1) deps.log.warn('hub shipment failed, retrying with back-off', { error: status.lastError });
        running = false;
        const base = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(failures - 1, 16));
        schedule(Math.round(base / 2 + (base / 2) * random()));
      },
    );
  }

  /** The hub not known to be away, or its last failure old enough that a person's action may try again now. */
  function probeDue(): boolean {
    return status.failingSince === null || deps.now() - lastFailureAt >= options.probeEveryMs;
  }

  function reached(): void {
    status.failingSince = null;
    status.lastError = null;
  }

  return {
    shipOnce,
    probeDue,
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** A journal change was just committed: ship now rather than at the next idle look (backing off: only when a probe is due). */
    wake(): void {
      if (!stopped && !running && probeDue()) schedule(0);
    },
    /** The hub answered someone else (a history search): it is back, so ship now and forget the back-off. */
    hubAnswered(): void {
      reached();
      if (!stopped && !running && failures > 0) schedule(0);
    },
    /** The hub did not answer someone else: counts as a failed attempt, so the next probe waits its turn. */
    hubSilent(): void {
      status.failingSince ??= deps.now();
      lastFailureAt = deps.now();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight.catch(() => undefined);
    },
    status(): ShipperStatus {
      return { queued: countQueued.get() as number, ...status };
    },
  };
}
export type Shipper = ReturnType<typeof createShipper>;
