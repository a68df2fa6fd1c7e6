-- API keys for the REST server. Portable SQL (H2 2.x and PostgreSQL 12+).
--
-- A key is never stored: only its SHA-256 hash (64 hex digits) and its lookup id, the 8 characters after "ci_" that
-- pick which hash a presented key is compared with (in constant time, in the JVM). The lookup id is indexed but not
-- unique: two keys may share one, and each candidate is compared. The hash is unique, so the same key cannot be
-- stored twice (a configured bootstrap key, say, by two servers starting at once).
--
-- (Core's version 3 once held the product affinity tables, which analytics now owns; such databases have that
-- version moved out of core's history before this one runs, see Migrations.adoptLegacy.)

CREATE TABLE ${prefix}api_keys (
  id            VARCHAR(36)              NOT NULL,
  name          VARCHAR(100)             NOT NULL,
  -- Lower-case scope names in order, comma-separated: 'read', 'read,write', 'admin'...
  scopes        VARCHAR(32)              NOT NULL,
  lookup_id     VARCHAR(16)              NOT NULL,
  key_hash      CHAR(64)                 NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  -- Written at most once a minute per key, not at every request.
  last_used_at  TIMESTAMP WITH TIME ZONE,
  revoked_at    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT ${prefix}api_keys_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}api_keys_hash_uq UNIQUE (key_hash)
);

CREATE INDEX ${prefix}api_keys_lookup_idx ON ${prefix}api_keys (lookup_id);
