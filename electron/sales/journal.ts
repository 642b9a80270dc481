// The sales journal (docs/architecture.md, "Sales"): one row per sale, written with its transaction id before any byte
// goes to a provider, moved only forward through its states, each move committed (WAL,
// synchronous=FULL) before the engine acts on it or shows it. Every provider answer is kept
// verbatim beside the sale. The webhook code is a per-sale secret: only its hash is stored and
// nothing here ever returns it.
import type { Network, Product, ProviderId, SaleState, SubscriberType } from '../../shared/domain';
import type { SaleView } from '../../shared/ipc/sales';
import type { Money } from '../../shared/money';
import { appErrorSchema, type AppError } from '../../shared/result';
import type { RawExchange } from '../providers/provider';
import type { Db } from '../store/database';
import { createTransactionIds } from './transaction-id';

/** How far along a state is: a sale only moves to a higher rank, and never out of a final state. */
const RANK: Record<SaleState, number> = { created: 0, sent: 1, unknown: 2, pending: 3, succeeded: 4, failed: 4 };

export function canMove(from: SaleState, to: SaleState): boolean {
  return RANK[to] > RANK[from];
}

export const UNRESOLVED_STATES: readonly SaleState[] = ['created', 'sent', 'pending', 'unknown'];

type SaleRow = {
  tx_id: number;
  provider: ProviderId;
  network: Network;
  number: string;
  product: string;
  product_key: string;
  subscriber_type: string | null;
  price_minor: number | null;
  price_currency: Money['currency'] | null;
  state: SaleState;
  provider_ref: string | null;
  message: string | null;
  error_code: string | null;
  error_message: string | null;
  submit_key: string | null;
  cashier_id: string | null;
  training: 0 | 1;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  checks: number;
  next_check_at: number | null;
};

/** What the engine and the reconciler need of a sale; never the webhook code hash. */
export type Sale = {
  txId: number;
  provider: ProviderId;
  network: Network;
  number: string;
  product: Product;
  productKey: string;
  subscriberType: SubscriberType | null;
  state: SaleState;
  price: Money | null;
  providerRef: string | null;
  message: string | null;
  error: AppError | null;
  submitKey: string | null;
  cashierId: string | null;
  training: boolean;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  checks: number;
  nextCheckAt: number | null;
};

export type NewSale = {
  counter: number;
  provider: ProviderId;
  network: Network;
  number: string;
  product: Product;
  subscriberType?: SubscriberType;
  submitKey?: string;
  cashierId?: string | null;
  training: boolean;
  webhookCodeHash?: Buffer;
};

/** Fields a state change may set; absent fields keep their value. */
export type Change = {
  price?: Money;
  providerRef?: string;
  /** null clears the provider's earlier words (e.g. "connection lost" once a status check settled the sale). */
  message?: string | null;
  error?: AppError | null;
  agentBalance?: Money;
  note?: string;
};

/** The product as canonical text (keys sorted), so equal products compare equal. */
export function productKey(product: Product): string {
  return JSON.stringify(sortKeys(product));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

function toSale(row: SaleRow): Sale {
  const parsedError =
    row.error_code === null ? null : appErrorSchema.safeParse({ code: row.error_code, message: row.error_message ?? '' });
  return {
    txId: row.tx_id,
    provider: row.provider,
    network: row.network,
    number: row.number,
    product: JSON.parse(row.product) as Product,
    productKey: row.product_key,
    subscriberType: row.subscriber_type as Sale['subscriberType'],
    state: row.state,
    price: row.price_minor === null || row.price_currency === null ? null : { minor: row.price_minor, currency: row.price_currency },
    providerRef: row.provider_ref,
    message: row.message,
    error: parsedError === null ? null : parsedError.success ? parsedError.data : { code: 'internal', message: row.error_message ?? '' },
    submitKey: row.submit_key,
    cashierId: row.cashier_id,
    training: row.training === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    checks: row.checks,
    nextCheckAt: row.next_check_at,
  };
}

const SALE_COLUMNS = `tx_id, provider, network, number, product, product_key, subscriber_type, price_minor, price_currency,
  state, provider_ref, message, error_code, error_message, submit_key, cashier_id, training, created_at, updated_at, sent_at,
  checks, next_check_at`;

export function createJournal(db: Db, now: () => number) {
  const ids = createTransactionIds(db);
  const insertSale = db.prepare(
    `INSERT INTO sales (tx_id, provider, network, number, product, product_key, subscriber_type, state, webhook_code_hash,
       submit_key, cashier_id, training, created_at, updated_at)
     VALUES (@txId, @provider, @network, @number, @product, @productKey, @subscriberType, 'created', @hash,
       @submitKey, @cashierId, @training, @at, @at)`,
  );
  const insertTransition = db.prepare('INSERT INTO sale_transitions (tx_id, state, at, note) VALUES (?, ?, ?, ?)');
  const insertExchange = db.prepare('INSERT INTO sale_exchanges (tx_id, kind, at, http_status, body) VALUES (?, ?, ?, ?, ?)');
  const selectSale = db.prepare(`SELECT ${SALE_COLUMNS} FROM sales WHERE tx_id = ?`);
  const selectBySubmitKey = db.prepare(`SELECT ${SALE_COLUMNS} FROM sales WHERE submit_key = ?`);
  const selectTimeline = db.prepare('SELECT state, at, note FROM sale_transitions WHERE tx_id = ? ORDER BY id');
  const selectRecent = db.prepare(
    `SELECT ${SALE_COLUMNS} FROM sales WHERE number = @number AND product_key = @productKey
       AND ((created_at >= @since AND state != 'failed') OR state IN ('sent', 'pending', 'unknown'))
     ORDER BY created_at DESC LIMIT 1`,
  );
  const selectInDoubt = db.prepare(
    `SELECT ${SALE_COLUMNS} FROM sales WHERE number = ? AND product_key = ? AND state IN ('created', 'sent', 'pending', 'unknown')
     ORDER BY created_at DESC LIMIT 1`,
  );
  // SQLite takes the bare columns from the row holding MAX(updated_at): each provider's latest balance.
  const selectLastBalances = db.prepare(
    `SELECT provider, agent_balance_minor AS minor, agent_balance_currency AS currency, MAX(updated_at) AS at
     FROM sales WHERE agent_balance_minor IS NOT NULL AND agent_balance_currency IS NOT NULL GROUP BY provider`,
  );
  const selectUnresolved = db.prepare(
    `SELECT ${SALE_COLUMNS} FROM sales WHERE state IN ('created', 'sent', 'pending', 'unknown') ORDER BY tx_id`,
  );
  const selectDue = db.prepare(
    `SELECT ${SALE_COLUMNS} FROM sales WHERE state IN ('created', 'sent', 'pending', 'unknown')
       AND next_check_at IS NOT NULL AND next_check_at <= ? ORDER BY next_check_at LIMIT ?`,
  );
  const selectHash = db.prepare('SELECT webhook_code_hash FROM sales WHERE tx_id = ?').pluck();
  const updateState = db.prepare(
    `UPDATE sales SET state = @state, updated_at = @at,
       price_minor = COALESCE(@priceMinor, price_minor), price_currency = COALESCE(@priceCurrency, price_currency),
       provider_ref = COALESCE(@providerRef, provider_ref),
       message = CASE WHEN @clearMessage THEN NULL ELSE COALESCE(@message, message) END,
       error_code = CASE WHEN @clearError THEN NULL ELSE COALESCE(@errorCode, error_code) END,
       error_message = CASE WHEN @clearError THEN NULL ELSE COALESCE(@errorMessage, error_message) END,
       agent_balance_minor = COALESCE(@balanceMinor, agent_balance_minor),
       agent_balance_currency = COALESCE(@balanceCurrency, agent_balance_currency),
       sent_at = CASE WHEN @state = 'sent' THEN @at ELSE sent_at END,
       next_check_at = CASE WHEN @state IN ('succeeded', 'failed') THEN NULL ELSE @nextCheckAt END
     WHERE tx_id = @txId AND state = @from`,
  );
  const updateAttention = db.prepare(
    `UPDATE sales SET state = CASE WHEN state = 'sent' THEN 'unknown' ELSE state END, updated_at = @at,
       error_code = @errorCode, error_message = @errorMessage, message = COALESCE(@message, message), next_check_at = NULL
     WHERE tx_id = @txId AND state IN ('sent', 'pending', 'unknown')`,
  );
  const updateCheck = db.prepare('UPDATE sales SET checks = checks + 1, next_check_at = ?, updated_at = ? WHERE tx_id = ?');
  const updateNextCheck = db.prepare('UPDATE sales SET next_check_at = ? WHERE tx_id = ?');
  const updateBalance = db.prepare(
    'UPDATE sales SET agent_balance_minor = ?, agent_balance_currency = ? WHERE tx_id = ?',
  );
  const updateProvider = db.prepare("UPDATE sales SET provider = ?, updated_at = ? WHERE tx_id = ? AND state = 'created'");

  const create = db.transaction((input: NewSale): Sale => {
    const at = now();
    const txId = ids.issue(input.counter, at);
    insertSale.run({
      txId,
      provider: input.provider,
      network: input.network,
      number: input.number,
      product: JSON.stringify(input.product),
      productKey: productKey(input.product),
      subscriberType: input.subscriberType ?? null,
      hash: input.webhookCodeHash ?? null,
      submitKey: input.submitKey ?? null,
      cashierId: input.cashierId ?? null,
      training: input.training ? 1 : 0,
      at,
    });
    insertTransition.run(txId, 'created', at, null);
    return toSale(selectSale.get(txId) as SaleRow);
  });

  const move = db.transaction((txId: number, to: SaleState, change: Change, nextCheckAt: number | null): Sale | null => {
    const row = selectSale.get(txId) as SaleRow | undefined;
    if (!row || !canMove(row.state, to)) return null;
    const at = now();
    updateState.run({
      txId,
      from: row.state,
      state: to,
      at,
      priceMinor: change.price?.minor ?? null,
      priceCurrency: change.price?.currency ?? null,
      providerRef: change.providerRef ?? null,
      message: change.message ?? null,
      clearMessage: change.message === null ? 1 : 0,
      clearError: change.error === null ? 1 : 0,
      errorCode: change.error?.code ?? null,
      errorMessage: change.error?.message ?? null,
      balanceMinor: change.agentBalance?.minor ?? null,
      balanceCurrency: change.agentBalance?.currency ?? null,
      nextCheckAt,
    });
    insertTransition.run(txId, to, at, change.note ?? null);
    return toSale(selectSale.get(txId) as SaleRow);
  });

  /**
   * Stops the automatic checks of a sale whose outcome no answer settles and leaves it, unresolved,
   * for the owner (sale.attention): never failed by itself, so the duplicate guard still sees it.
   */
  const flagForAttention = db.transaction((txId: number, why: AppError, message?: string): Sale | null => {
    const at = now();
    const changed = updateAttention.run({ txId, at, errorCode: why.code, errorMessage: why.message, message: message ?? null }).changes;
    if (changed === 0) return null;
    const sale = toSale(selectSale.get(txId) as SaleRow);
    insertTransition.run(txId, sale.state, at, `needs attention: ${why.code}`);
    return sale;
  });

  function get(txId: number): Sale | null {
    const row = selectSale.get(txId) as SaleRow | undefined;
    return row ? toSale(row) : null;
  }

  return {
    /** Runs several journal writes as one commit (one fsync): an answer and the state it led to land together. */
    atomically<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    /** Writes a new sale in state `created` with a fresh transaction id, committed on return. */
    create,
    /** Moves a sale forward; null when the move is not forward (already there, or final). Committed on return. */
    move,
    flagForAttention,
    get,
    bySubmitKey(key: string): Sale | null {
      const row = selectBySubmitKey.get(key) as SaleRow | undefined;
      return row ? toSale(row) : null;
    },
    /**
     * The latest sale not failed of this number and product since `since`, or one whose outcome is
     * still open however old: until it is settled, selling the same again may charge twice.
     */
    recent(number: string, product: Product, since: number): Sale | null {
      const row = selectRecent.get({ number, productKey: productKey(product), since }) as SaleRow | undefined;
      return row ? toSale(row) : null;
    },
    /** The latest sale of this number and product whose outcome is not known yet, however old. */
    inDoubt(number: string, product: Product): Sale | null {
      const row = selectInDoubt.get(number, productKey(product)) as SaleRow | undefined;
      return row ? toSale(row) : null;
    },
    unresolved(): Sale[] {
      return (selectUnresolved.all() as SaleRow[]).map(toSale);
    },
    due(at: number, limit: number): Sale[] {
      return (selectDue.all(at, limit) as SaleRow[]).map(toSale);
    },
    /** Counts one status call and sets when the next one is due (null: budget spent, left for a person). */
    recordCheck(txId: number, nextCheckAt: number | null): void {
      updateCheck.run(nextCheckAt, now(), txId);
    },
    scheduleCheck(txId: number, nextCheckAt: number | null): void {
      updateNextCheck.run(nextCheckAt, txId);
    },
    /** Only while nothing was sent: the fallback provider takes over the same id. */
    switchProvider(txId: number, provider: ProviderId): boolean {
      return updateProvider.run(provider, now(), txId).changes === 1;
    },
    /** Each provider's agent balance as last recorded beside a sale, with that sale's last update time. */
    lastAgentBalances(): { provider: ProviderId; balance: Money; at: number }[] {
      return (selectLastBalances.all() as { provider: ProviderId; minor: number; currency: Money['currency']; at: number }[]).map((r) => ({
        provider: r.provider,
        balance: { minor: r.minor, currency: r.currency },
        at: r.at,
      }));
    },
    recordAgentBalance(txId: number, balance: Money): void {
      updateBalance.run(balance.minor, balance.currency, txId);
    },
    recordExchange(txId: number, kind: 'pay' | 'status' | 'webhook', raw: RawExchange | undefined): void {
      if (!raw) return;
      insertExchange.run(txId, kind, now(), raw.status ?? null, raw.body);
    },
    exchanges(txId: number): { kind: string; at: number; http_status: number | null; body: string }[] {
      return db.prepare('SELECT kind, at, http_status, body FROM sale_exchanges WHERE tx_id = ? ORDER BY id').all(txId) as {
        kind: string;
        at: number;
        http_status: number | null;
        body: string;
      }[];
    },
    webhookCodeHash(txId: number): Buffer | null {
      return (selectHash.get(txId) as Buffer | null | undefined) ?? null;
    },
    view(sale: Sale): SaleView {
      const timeline = selectTimeline.all(sale.txId) as { state: SaleState; at: number; note: string | null }[];
      return { ...saleSummary(sale), timeline };
    },
  };
}
export type Journal = ReturnType<typeof createJournal>;

/** What every screen shows of a sale, from its journal row: the SaleView without its timeline. */
export function saleSummary(sale: Sale): Omit<SaleView, 'timeline'> {
  return {
    id: String(sale.txId),
    provider: sale.provider,
    network: sale.network,
    number: sale.number,
    product: sale.product,
    price: sale.price,
    state: sale.state,
    providerRef: sale.providerRef,
    message: sale.message,
    error: sale.error,
    training: sale.training,
    cashierId: sale.cashierId,
    createdAt: sale.createdAt,
    updatedAt: sale.updatedAt,
    checks: sale.checks,
    // A status call and the move it leads to are one commit stamped with the time: while a sale is
    // open, its last update after a check is that check.
    lastCheckAt: sale.checks > 0 ? sale.updatedAt : null,
    nextCheckAt: sale.nextCheckAt,
  };
}
