-- A join under way (electron/hub/hub-join.ts): the password this till is about to give its counter
-- role on the hub, saved (encrypted, like hub_secrets) BEFORE the hub is asked. If the till stops
-- after the hub took the code but before hub_link was written, the code is spent and only this
-- password opens the counter: the next attempt (the same code typed again, or the next start)
-- logs in with it and completes the link. Deleted in the transaction that writes hub_link.
CREATE TABLE hub_pending_join (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  database TEXT NOT NULL,
  role TEXT NOT NULL,
  -- The certificate the till trusts for this hub (as in hub_link), so a join finished at start-up
  -- reaches the hub the same way.
  certificate TEXT,
  ciphertext BLOB NOT NULL,
  backend TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
