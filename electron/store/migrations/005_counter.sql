-- The counter's own tables: the provider catalogue (game and gift cards) cached with its fetch time
-- so it can be browsed offline (docs/architecture.md, "Storage"), and the numbers the counter sold to most recently.
CREATE TABLE catalogue_fetches (
  provider TEXT PRIMARY KEY CHECK (provider IN ('alqimah', 'weta')),
  -- Epoch milliseconds of the last fetch that succeeded: the list below is that fetch, whole.
  fetched_at INTEGER NOT NULL
) STRICT;

CREATE TABLE catalogue_items (
  provider TEXT NOT NULL REFERENCES catalogue_fetches (provider) ON DELETE CASCADE,
  link_code TEXT NOT NULL,
  -- Position in the provider's own list, so the offline list reads as the provider ordered it.
  position INTEGER NOT NULL,
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The CatalogueItem as our domain has it (shared/domain.ts), validated again on read.
  item TEXT NOT NULL CHECK (json_valid(item)),
  PRIMARY KEY (provider, link_code)
) STRICT;

CREATE TABLE recent_numbers (
  -- National digits (shared/numbers.ts).
  number TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  used_at INTEGER NOT NULL,
  uses INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX recent_numbers_used_at ON recent_numbers (used_at DESC);
