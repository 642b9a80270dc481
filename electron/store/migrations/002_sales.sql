-- The sales journal (docs/architecture.md, "Sales"): a sale row exists, with its transaction id, before any byte goes
-- to a provider; every state change is a row in sale_transitions committed before it is acted on;
-- every provider answer is kept verbatim in sale_exchanges.
CREATE TABLE sales (
  tx_id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL CHECK (provider IN ('alqimah', 'weta')),
  network TEXT NOT NULL,
  number TEXT NOT NULL,
  product TEXT NOT NULL CHECK (json_valid(product)),
  -- The product in a canonical text form: the duplicate guard compares it.
  product_key TEXT NOT NULL,
  subscriber_type TEXT,
  price_minor INTEGER,
  price_currency TEXT CHECK (price_currency IN ('YER', 'USD')),
  state TEXT NOT NULL CHECK (state IN ('created', 'sent', 'succeeded', 'failed', 'pending', 'unknown')),
  provider_ref TEXT,
  message TEXT,
  error_code TEXT,
  error_message TEXT,
  -- SHA-256 of the per-sale webhook code: the code itself is a secret and is never stored.
  webhook_code_hash BLOB,
  -- The counter's double-submit key: one key, one sale.
  submit_key TEXT UNIQUE,
  cashier_id TEXT,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  agent_balance_minor INTEGER,
  agent_balance_currency TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER,
  checks INTEGER NOT NULL DEFAULT 0,
  -- When the reconciler asks the provider next; NULL once final or once its check budget is spent.
  next_check_at INTEGER
) STRICT;

CREATE INDEX sales_unresolved ON sales (next_check_at) WHERE state IN ('created', 'sent', 'pending', 'unknown');
CREATE INDEX sales_duplicate ON sales (number, product_key, created_at);
CREATE INDEX sales_created_at ON sales (created_at);

CREATE TABLE sale_transitions (
  id INTEGER PRIMARY KEY,
  tx_id INTEGER NOT NULL REFERENCES sales (tx_id),
  state TEXT NOT NULL CHECK (state IN ('created', 'sent', 'succeeded', 'failed', 'pending', 'unknown')),
  at INTEGER NOT NULL,
  note TEXT
) STRICT;
CREATE INDEX sale_transitions_tx ON sale_transitions (tx_id, id);

CREATE TABLE sale_exchanges (
  id INTEGER PRIMARY KEY,
  tx_id INTEGER NOT NULL REFERENCES sales (tx_id),
  kind TEXT NOT NULL CHECK (kind IN ('pay', 'status', 'webhook')),
  at INTEGER NOT NULL,
  http_status INTEGER,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX sale_exchanges_tx ON sale_exchanges (tx_id, id);

-- The last transaction id issued per counter number, so ids stay increasing when the clock steps back.
CREATE TABLE transaction_ids (
  counter INTEGER PRIMARY KEY CHECK (counter BETWEEN 0 AND 99),
  last_issued INTEGER NOT NULL
) STRICT;
