-- The back office (docs/architecture.md, "Trust boundary", "Training mode"): provider credentials encrypted at rest, cashiers with hashed
-- PINs, and shifts with their Z report. Nothing here is ever sent to the renderer in clear.

-- One row per credential field; the value is the SecretBox's ciphertext, never the plain text.
CREATE TABLE provider_secrets (
  provider TEXT NOT NULL CHECK (provider IN ('alqimah', 'weta')),
  field TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  -- Which SecretBox wrote it: a value written by another backend cannot be read back.
  backend TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (provider, field)
) STRICT;

-- PINs as scrypt hashes with their own salt; wrong tries and the lock-out survive a restart.
CREATE TABLE cashiers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'cashier')),
  pin_hash BLOB,
  pin_salt BLOB,
  failed_tries INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

-- The first-run owner has no PIN: the app opens straight onto the counter until one is set.
INSERT INTO cashiers (id, name, role, created_at) VALUES ('owner', '', 'owner', 0);

CREATE TABLE shifts (
  id INTEGER PRIMARY KEY,
  cashier_id TEXT NOT NULL REFERENCES cashiers (id),
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  -- Agent balances read from each provider at open and at close (JSON), null where unreadable.
  balances_open TEXT NOT NULL CHECK (json_valid(balances_open)),
  balances_close TEXT CHECK (balances_close IS NULL OR json_valid(balances_close)),
  -- The Z report as computed at close, kept verbatim so a reprint shows what was closed.
  report TEXT CHECK (report IS NULL OR json_valid(report))
) STRICT;
-- At most one open shift per cashier.
CREATE UNIQUE INDEX shifts_one_open ON shifts (cashier_id) WHERE closed_at IS NULL;
CREATE INDEX shifts_cashier ON shifts (cashier_id, opened_at);
