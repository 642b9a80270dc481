// The simulators' ledgers as the judge of a journey: sale by sale, what the app's journal says
// against what each provider charged, and the totals to the rial.
import type { Harness } from '../../integration/back-office/back-office-harness';
import { WETA_USER, type Simulators } from './journey-app';

export type JournalSale = { txId: number; provider: string; state: string; priceMinor: number | null };

export type Verdict = {
  sales: number;
  succeeded: number;
  failed: number;
  /** Sales that are not final (they must be none, or be in "needs attention" on purpose). */
  open: JournalSale[];
  /** A sale whose state disagrees with the ledger: succeeded but not charged once, or failed yet charged. */
  disagreements: string[];
  /** Ids the providers charged that the journal does not have. */
  forgotten: string[];
  /** Ids used twice in the journal. */
  reused: number[];
  /** Journal's succeeded total minus the ledgers' net charges, in minor units, per provider. */
  difference: { alqimah: number; weta: number };
};

/** Every sale in the app's journal file, oldest first. */
export function journalSales(app: Harness): JournalSale[] {
  return app.services.db
    .prepare('SELECT tx_id AS txId, provider, state, price_minor AS priceMinor FROM sales WHERE training = 0 ORDER BY tx_id')
    .all() as JournalSale[];
}

function chargedOnce(sims: Simulators, sale: JournalSale): number {
  return sale.provider === 'alqimah'
    ? sims.alqimah.ledger.chargesFor(String(sale.txId)) - sims.alqimah.ledger.refunds.filter((r) => r.txId === String(sale.txId)).length
    : sims.weta.ledger.chargesFor(WETA_USER.username, sale.txId);
}

/** Judges the journals of one or more apps (counters sharing the providers' accounts) against the ledgers. */
export function judge(apps: Harness[], sims: Simulators): Verdict {
  const sales = apps.flatMap(journalSales);
  const ids = sales.map((s) => s.txId);
  const known = new Set(ids.map(String));
  const disagreements: string[] = [];
  for (const sale of sales) {
    const charged = chargedOnce(sims, sale);
    if (sale.state === 'succeeded' && charged !== 1) disagreements.push(`${sale.txId} succeeded, charged ${charged}`);
    if (sale.state === 'failed' && charged !== 0) disagreements.push(`${sale.txId} failed, charged ${charged}`);
  }
  const alqimahCharged = [...new Set(sims.alqimah.ledger.charges.map((c) => c.txId))];
  const wetaCharged = [...new Set(sims.weta.ledger.entries.filter((e) => e.kind === 'charge' && e.username === WETA_USER.username).map((e) => String(e.transId)))];
  const sum = (provider: string) => sales.filter((s) => s.provider === provider && s.state === 'succeeded').reduce((n, s) => n + (s.priceMinor ?? 0), 0);
  const alqimahNet =
    sims.alqimah.ledger.charges.reduce((n, c) => n + c.minor, 0) - sims.alqimah.ledger.refunds.reduce((n, r) => n + r.minor, 0);
  const wetaNet = sims.weta.ledger.entries
    .filter((e) => e.username === WETA_USER.username)
    .reduce((n, e) => n + (e.kind === 'charge' ? 1 : -1) * e.amount * 100, 0);
  return {
    sales: sales.length,
    succeeded: sales.filter((s) => s.state === 'succeeded').length,
    failed: sales.filter((s) => s.state === 'failed').length,
    open: sales.filter((s) => s.state !== 'succeeded' && s.state !== 'failed'),
    disagreements,
    forgotten: [...alqimahCharged, ...wetaCharged].filter((id) => !known.has(id)),
    reused: ids.filter((id, i) => ids.indexOf(id) !== i),
    difference: { alqimah: sum('alqimah') - alqimahNet, weta: sum('weta') - wetaNet },
  };
}
