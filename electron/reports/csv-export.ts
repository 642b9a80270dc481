// The history of a date range as CSV for the owner's spreadsheet: UTF-8 with a BOM (Excel reads
// Arabic only with it), CRLF lines, every field quoted where needed, amounts as exact decimals from
// minor units. Training sales are left out (docs/architecture.md, "Training mode"). A field that starts like a formula is
// prefixed with an apostrophe so a spreadsheet never runs it.
import { formatMinorAsDecimal } from '../../shared/money';
import type { Db } from '../store/database';

export const CSV_BOM = '\uFEFF';
export const CSV_MAX_ROWS = 200_000;

const HEADER = ['tx_id', 'created_at_utc', 'cashier', 'provider', 'network', 'number', 'product', 'amount', 'currency', 'state', 'provider_ref', 'message'];

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type Row = {
  tx_id: number;
  created_at: number;
  cashier: string | null;
  provider: string;
  network: string;
  number: string;
  product: string;
  minor: number | null;
  currency: string | null;
  state: string;
  provider_ref: string | null;
  message: string | null;
};

function productText(json: string): string {
  const product = JSON.parse(json) as { kind: string; code?: string; name?: string; units?: number; linkCode?: string; quantity?: number };
  if (product.kind === 'offer') return product.name ? `${product.name} (${product.code})` : (product.code ?? 'offer');
  if (product.kind === 'units') return `${product.units} units`;
  if (product.kind === 'game') return `${product.name ?? product.linkCode} x${product.quantity}`;
  return 'top-up';
}

export function exportCsv(db: Db, from: number, to: number): { csv: string; rows: number } {
  const rows = db
    .prepare(
      `SELECT s.tx_id, s.created_at, COALESCE(NULLIF(c.name, ''), s.cashier_id) AS cashier, s.provider, s.network, s.number, s.product,
              COALESCE(s.price_minor, json_extract(s.product, '$.amount.minor')) AS minor,
              COALESCE(s.price_currency, json_extract(s.product, '$.amount.currency')) AS currency,
              s.state, s.provider_ref, s.message
       FROM sales s LEFT JOIN cashiers c ON c.id = s.cashier_id
       WHERE s.training = 0 AND s.created_at >= ? AND s.created_at < ? ORDER BY s.created_at, s.tx_id LIMIT ?`,
    )
    .all(from, to, CSV_MAX_ROWS) as Row[];
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        String(r.tx_id),
        new Date(r.created_at).toISOString(),
        r.cashier,
        r.provider,
        r.network,
        r.number,
        productText(r.product),
        r.minor === null ? null : formatMinorAsDecimal(r.minor),
        r.currency,
        r.state,
        r.provider_ref,
        r.message,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return { csv: CSV_BOM + lines.join('\r\n') + '\r\n', rows: rows.length };
}
