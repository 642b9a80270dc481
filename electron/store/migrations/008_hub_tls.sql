-- The certificate (PEM) this till trusts for the hub: the hub's own self-signed certificate or the
-- private CA that signed it, as the owner gave it or as a join code confirmed it. NULL: none given,
-- so the public CAs are trusted (and a hub on loopback is reached without TLS).
ALTER TABLE hub_link ADD COLUMN certificate TEXT;
ALTER TABLE hub_owner ADD COLUMN certificate TEXT;
