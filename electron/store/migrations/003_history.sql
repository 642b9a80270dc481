-- History (docs/architecture.md, "Storage", "Receipts"): every sale searchable offline over a million rows, and what was printed.
-- A trigram FTS5 index finds any part of a number, of our transaction id or of the provider's
-- reference; its rowid is the sale's tx_id, which is time-ordered by construction (see
-- electron/sales/transaction-id.ts), so results come newest first without a sort. Triggers keep it
-- in step with the journal inside the journal's own transactions.
CREATE VIRTUAL TABLE sale_search USING fts5(number, tx, ref, tokenize = 'trigram');

INSERT INTO sale_search (rowid, number, tx, ref)
  SELECT tx_id, number, CAST(tx_id AS TEXT), COALESCE(provider_ref, '') FROM sales;

CREATE TRIGGER sale_search_insert AFTER INSERT ON sales BEGIN
  INSERT INTO sale_search (rowid, number, tx, ref) VALUES (new.tx_id, new.number, CAST(new.tx_id AS TEXT), COALESCE(new.provider_ref, ''));
END;

CREATE TRIGGER sale_search_ref AFTER UPDATE OF provider_ref ON sales WHEN old.provider_ref IS NOT new.provider_ref BEGIN
  UPDATE sale_search SET ref = COALESCE(new.provider_ref, '') WHERE rowid = new.tx_id;
END;

-- Each filter's index ends (implicitly) with tx_id, so a filtered page is read newest first.
CREATE INDEX sales_network_state ON sales (network, state);
CREATE INDEX sales_state ON sales (state);
CREATE INDEX sales_cashier ON sales (cashier_id);

-- Every receipt sent to a printer: the second print of a sale is a copy, and a provisional receipt
-- of a sale still checking owes the final one once the sale settles.
CREATE TABLE receipt_prints (
  id INTEGER PRIMARY KEY,
  tx_id INTEGER NOT NULL REFERENCES sales (tx_id),
  kind TEXT NOT NULL CHECK (kind IN ('provisional', 'final', 'copy')),
  at INTEGER NOT NULL,
  error_code TEXT
) STRICT;
CREATE INDEX receipt_prints_tx ON receipt_prints (tx_id, id);

-- The counter's receipt printer: one row, its config as JSON validated by shared/ipc/printing.ts.
CREATE TABLE printer_config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  config TEXT NOT NULL CHECK (json_valid(config)),
  updated_at INTEGER NOT NULL
) STRICT;
