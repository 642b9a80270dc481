-- The link to the shop's hub (electron/hub/): who this counter is there, and an outbox of journal
-- changes still to ship. A trigger on sale_transitions writes the outbox in the same transaction
-- as every journal change, so no change can be committed without its outbox row; while no hub is
-- linked the trigger writes nothing, so a counter without a hub keeps no outbox at all.
CREATE TABLE hub_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  database TEXT NOT NULL,
  -- This counter's own database role; its password is in hub_secrets, encrypted.
  role TEXT NOT NULL,
  shop_id INTEGER NOT NULL,
  shop_name TEXT NOT NULL,
  counter_id INTEGER NOT NULL,
  counter_number INTEGER NOT NULL CHECK (counter_number BETWEEN 1 AND 99),
  joined_at INTEGER NOT NULL
) STRICT;

-- The owner's own role on the hub (set on the owner's till only): creates shops and join codes,
-- reads every till and shop. Its password is in hub_secrets, encrypted.
CREATE TABLE hub_owner (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  database TEXT NOT NULL,
  role TEXT NOT NULL,
  shop_id INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;

-- Hub passwords, encrypted like provider credentials and never read back through IPC.
CREATE TABLE hub_secrets (
  name TEXT PRIMARY KEY CHECK (name IN ('counter', 'owner')),
  ciphertext BLOB NOT NULL,
  backend TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE hub_outbox (
  id INTEGER PRIMARY KEY,
  tx_id INTEGER NOT NULL
) STRICT;

CREATE TRIGGER hub_outbox_on_journal_change AFTER INSERT ON sale_transitions
  WHEN EXISTS (SELECT 1 FROM hub_link)
BEGIN
  INSERT INTO hub_outbox (tx_id) VALUES (NEW.tx_id);
END;
