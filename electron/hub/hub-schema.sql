-- The hub's schema, installed (and re-installed, idempotently) by the owner's role into the owner's
-- own database from Settings. The owner's role owns every table here, so it reads all its shops;
-- each counter logs in with its own role and row-level security lets it write only its own sales
-- and read its shop's. Counter numbers are handed out here, unique per provider account by a
-- primary key, so two tills on one account can never send the same transaction id.
CREATE SCHEMA IF NOT EXISTS pos_hub;
REVOKE ALL ON SCHEMA pos_hub FROM PUBLIC;

CREATE TABLE IF NOT EXISTS pos_hub.shops (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  owner_role name NOT NULL DEFAULT current_user,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A provider account the shop sells through, by a hash of its provider and non-secret account
-- identifier (user name or account number): the hub never holds a provider secret.
CREATE TABLE IF NOT EXISTS pos_hub.shop_accounts (
  shop_id bigint NOT NULL REFERENCES pos_hub.shops (id),
  account_key text NOT NULL CHECK (account_key ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (shop_id, account_key)
);

CREATE TABLE IF NOT EXISTS pos_hub.counters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shop_id bigint NOT NULL REFERENCES pos_hub.shops (id),
  role_name name NOT NULL UNIQUE,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  -- Given by claim_counter() when the counter joins; null while its one-time code is unused.
  number smallint CHECK (number BETWEEN 1 AND 99),
  joined_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, shop_id)
);

-- The constraint that keeps counter numbers apart: one number, one counter, per provider account.
CREATE TABLE IF NOT EXISTS pos_hub.counter_numbers (
  account_key text NOT NULL,
  number smallint NOT NULL CHECK (number BETWEEN 1 AND 99),
  counter_id bigint NOT NULL REFERENCES pos_hub.counters (id),
  PRIMARY KEY (account_key, number)
);

CREATE TABLE IF NOT EXISTS pos_hub.sales (
  shop_id bigint NOT NULL,
  counter_id bigint NOT NULL,
  tx_id bigint NOT NULL,
  provider text NOT NULL CHECK (provider IN ('alqimah', 'weta')),
  network text NOT NULL,
  number text NOT NULL,
  product jsonb NOT NULL,
  price_minor bigint,
  price_currency text CHECK (price_currency IN ('YER', 'USD')),
  state text NOT NULL CHECK (state IN ('created', 'sent', 'unknown', 'pending', 'succeeded', 'failed')),
  -- The journal's rule, kept here too: a row is only ever replaced by a later state.
  state_rank smallint GENERATED ALWAYS AS (
    CASE state WHEN 'created' THEN 0 WHEN 'sent' THEN 1 WHEN 'unknown' THEN 2 WHEN 'pending' THEN 3 ELSE 4 END
  ) STORED,
  provider_ref text,
  message text,
  error_code text,
  cashier_id text,
  training boolean NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  sent_at bigint,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- How many shipments changed this row: at most one per state the sale went through, however
  -- often a shipment was repeated.
  writes integer NOT NULL DEFAULT 1,
  PRIMARY KEY (shop_id, counter_id, tx_id),
  FOREIGN KEY (counter_id, shop_id) REFERENCES pos_hub.counters (id, shop_id)
);
-- History across tills: newest first by transaction id (its time part orders tills together), and
-- any part of a number, id or reference through the grams of search_grams(): the 4- and
-- 5-character stretches of each. Trigrams of digits are all common (there are only a thousand), so
-- at ten million sales every trigram lookup read tens of thousands of index entries; a 5-gram of
-- digits is shared by a hundred times fewer rows.
CREATE OR REPLACE FUNCTION pos_hub.search_grams(p_number text, p_tx bigint, p_ref text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  grams text[] := '{}';
  field text;
BEGIN
  FOREACH field IN ARRAY ARRAY[p_number, p_tx::text, lower(p_ref)] LOOP
    CONTINUE WHEN field IS NULL;
    FOR i IN 1..length(field) - 4 LOOP
      grams := grams || substr(field, i, 5);
    END LOOP;
  END LOOP;
  RETURN grams;
END $$;
CREATE INDEX IF NOT EXISTS sales_shop_tx ON pos_hub.sales (shop_id, tx_id DESC);
CREATE INDEX IF NOT EXISTS sales_search_grams ON pos_hub.sales USING gin (pos_hub.search_grams(number, tx_id, provider_ref));

-- What the owner shares with every counter of a shop (packages, routes, service map, cashiers).
CREATE TABLE IF NOT EXISTS pos_hub.shop_settings (
  shop_id bigint PRIMARY KEY REFERENCES pos_hub.shops (id),
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Agent balances the owner's till read, by provider account: two readings and every till's sales
-- on that account between them give the account's drift (hub-drift.ts). Only the owner reads them.
CREATE TABLE IF NOT EXISTS pos_hub.balance_readings (
  account_key text NOT NULL CHECK (account_key ~ '^[0-9a-f]{64}$'),
  provider text NOT NULL CHECK (provider IN ('alqimah', 'weta')),
  read_at bigint NOT NULL,
  balance_minor bigint NOT NULL,
  currency text NOT NULL CHECK (currency IN ('YER', 'USD')),
  PRIMARY KEY (account_key, read_at)
);

-- The counter behind the session's role; null for any other role. Definer rights: a counter may
-- not read the counters table freely, but it may know who it is.
CREATE OR REPLACE FUNCTION pos_hub.my_counter() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pos_hub, pg_temp
  AS $$ SELECT id FROM pos_hub.counters WHERE role_name = session_user AND joined_at IS NOT NULL $$;
CREATE OR REPLACE FUNCTION pos_hub.my_shop() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pos_hub, pg_temp
  AS $$ SELECT shop_id FROM pos_hub.counters WHERE role_name = session_user AND joined_at IS NOT NULL $$;

-- Joining: the counter, logged in with its one-time code's role, is given the lowest number free
-- on every provider account of its shop. Two joins at once both try that number; the primary key
-- of counter_numbers lets one through and the other moves on to the next number.
CREATE OR REPLACE FUNCTION pos_hub.claim_counter()
  RETURNS TABLE (counter_id bigint, shop_id bigint, shop_name text, counter_number smallint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pos_hub, pg_temp
AS $$
DECLARE
  me pos_hub.counters;
  keys text[];
  candidate smallint;
BEGIN
  SELECT * INTO me FROM pos_hub.counters c WHERE c.role_name = session_user FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'this role is not a counter' USING ERRCODE = '42501';
  END IF;
  IF me.joined_at IS NOT NULL THEN
    RAISE EXCEPTION 'this join code was already used' USING ERRCODE = '42501';
  END IF;
  SELECT array_agg(a.account_key) INTO keys FROM pos_hub.shop_accounts a WHERE a.shop_id = me.shop_id;
  IF keys IS NULL THEN
    -- A shop with no account recorded (training): its counters still get distinct numbers.
    keys := ARRAY[encode(sha256(convert_to('shop:' || me.shop_id, 'UTF8')), 'hex')];
  END IF;
  FOR candidate IN 1..99 LOOP
    CONTINUE WHEN EXISTS (SELECT 1 FROM pos_hub.counter_numbers n WHERE n.account_key = ANY (keys) AND n.number = candidate);
    BEGIN
      INSERT INTO pos_hub.counter_numbers (account_key, number, counter_id) SELECT k, candidate, me.id FROM unnest(keys) k;
      UPDATE pos_hub.counters c SET number = candidate::smallint, joined_at = now() WHERE c.id = me.id;
      RETURN QUERY SELECT me.id, me.shop_id, s.name, candidate::smallint FROM pos_hub.shops s WHERE s.id = me.shop_id;
      RETURN;
    EXCEPTION WHEN unique_violation THEN
      -- Another counter took this number a moment ago: try the next.
    END;
  END LOOP;
  RAISE EXCEPTION 'no counter number left on this provider account' USING ERRCODE = '23505';
END
$$;
-- History search across the shop's tills. Row-level security would keep the gram index out of
-- reach (a policy's filter must run before any function that is not leakproof), so the search runs
-- with the owner's rights and applies the same rule itself: the caller's shop only.
-- p_terms: whole terms (3 characters or more, lower case), each found anywhere in the number, our id
-- or the provider's reference; p_grams: for each term, its grams joined by chr(31) (the contract lets no control character into a term) (every 5-character
-- stretch it is made of, or the term itself at 4; none at 3, where a term is common enough that
-- reading newest first finds a page soon). The gram index narrows the rows; strpos checks the term.
-- p_prefix: terms shorter than that, as the start of a number.
CREATE OR REPLACE FUNCTION pos_hub.search_shop_sales(
  p_terms text[], p_grams text[], p_prefix text[], p_from bigint, p_to bigint, p_network text, p_state text, p_cashier text,
  p_training boolean, p_cursor bigint, p_limit integer)
  RETURNS TABLE (tx_id bigint, counter smallint, provider text, network text, number text, product jsonb, price_minor bigint,
    price_currency text, state text, provider_ref text, message text, error_code text, cashier_id text, training boolean,
    created_at bigint, updated_at bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pos_hub, pg_temp
AS $$
DECLARE
  shop bigint := pos_hub.my_shop();
  conditions text[] := ARRAY['s.shop_id = $1'];
  text_terms text[] := '{}';
  term text;
BEGIN
  IF shop IS NULL THEN
    RAISE EXCEPTION 'this role is not a counter of a shop' USING ERRCODE = '42501';
  END IF;
  FOR i IN 1..coalesce(array_length(p_terms, 1), 0) LOOP
    term := format('(strpos(s.number, $2[%s]) > 0 OR strpos(s.tx_id::text, $2[%s]) > 0 OR strpos(lower(s.provider_ref), $2[%s]) > 0)', i, i, i);
    IF coalesce(p_grams[i], '') <> '' THEN
      term := format('(pos_hub.search_grams(s.number, s.tx_id, s.provider_ref) @> string_to_array($12[%s], chr(31)) AND %s)', i, term);
    END IF;
    text_terms := text_terms || term;
  END LOOP;
  FOR i IN 1..coalesce(array_length(p_prefix, 1), 0) LOOP
    text_terms := text_terms || format('s.number LIKE $3[%s]', i);
  END LOOP;
  IF array_length(text_terms, 1) > 0 THEN conditions := conditions || ('(' || array_to_string(text_terms, ' OR ') || ')'); END IF;
  IF p_from IS NOT NULL THEN conditions := conditions || 's.created_at >= $4'::text; END IF;
  IF p_to IS NOT NULL THEN conditions := conditions || 's.created_at < $5'::text; END IF;
  IF p_network IS NOT NULL THEN conditions := conditions || 's.network = $6'::text; END IF;
  IF p_state IS NOT NULL THEN conditions := conditions || 's.state = $7'::text; END IF;
  IF p_cashier IS NOT NULL THEN conditions := conditions || 's.cashier_id = $8'::text; END IF;
  IF p_training IS NOT NULL THEN conditions := conditions || 's.training = $9'::text; END IF;
  IF p_cursor IS NOT NULL THEN conditions := conditions || 's.tx_id < $10'::text; END IF;
  RETURN QUERY EXECUTE format(
    'SELECT s.tx_id, c.number, s.provider, s.network, s.number, s.product, s.price_minor, s.price_currency, s.state,
       s.provider_ref, s.message, s.error_code, s.cashier_id, s.training, s.created_at, s.updated_at
     FROM pos_hub.sales s JOIN pos_hub.counters c ON c.id = s.counter_id
     WHERE %s ORDER BY s.tx_id DESC LIMIT $11', array_to_string(conditions, ' AND '))
    USING shop, p_terms, p_prefix, p_from, p_to, p_network, p_state, p_cashier, p_training, p_cursor, p_limit, p_grams;
END
$$;
REVOKE ALL ON FUNCTION pos_hub.my_counter(), pos_hub.my_shop(), pos_hub.claim_counter() FROM PUBLIC;
REVOKE ALL ON FUNCTION pos_hub.search_shop_sales(text[], text[], text[], bigint, bigint, text, text, text, boolean, bigint, integer) FROM PUBLIC;

ALTER TABLE pos_hub.shops ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_hub.counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_hub.sales ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_hub.shop_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_hub.shop_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_hub.counter_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_hub.balance_readings ENABLE ROW LEVEL SECURITY;

-- Policies for counters (the owner owns the tables and is not bound by them). `(SELECT f())`
-- is evaluated once per query, not once per row.
DROP POLICY IF EXISTS counter_reads_shop ON pos_hub.shops;
CREATE POLICY counter_reads_shop ON pos_hub.shops FOR SELECT USING (id = (SELECT pos_hub.my_shop()));
DROP POLICY IF EXISTS counter_reads_counters ON pos_hub.counters;
CREATE POLICY counter_reads_counters ON pos_hub.counters FOR SELECT USING (shop_id = (SELECT pos_hub.my_shop()));
DROP POLICY IF EXISTS counter_reads_settings ON pos_hub.shop_settings;
CREATE POLICY counter_reads_settings ON pos_hub.shop_settings FOR SELECT USING (shop_id = (SELECT pos_hub.my_shop()));
DROP POLICY IF EXISTS counter_reads_shop_sales ON pos_hub.sales;
CREATE POLICY counter_reads_shop_sales ON pos_hub.sales FOR SELECT USING (shop_id = (SELECT pos_hub.my_shop()));
DROP POLICY IF EXISTS counter_inserts_own_sales ON pos_hub.sales;
CREATE POLICY counter_inserts_own_sales ON pos_hub.sales FOR INSERT
  WITH CHECK (counter_id = (SELECT pos_hub.my_counter()) AND shop_id = (SELECT pos_hub.my_shop()));
DROP POLICY IF EXISTS counter_updates_own_sales ON pos_hub.sales;
CREATE POLICY counter_updates_own_sales ON pos_hub.sales FOR UPDATE
  USING (counter_id = (SELECT pos_hub.my_counter()))
  WITH CHECK (counter_id = (SELECT pos_hub.my_counter()) AND shop_id = (SELECT pos_hub.my_shop()));
