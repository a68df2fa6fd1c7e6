-- "Which currencies do the shop's purchases use?" is asked before every cohort table and segment list that names no
-- currency, and the answer is almost always "one". Without an index led by kind and currency it scanned every order
-- (about 0.3 s for the benchmark's million on PostgreSQL 15, the largest part of a 1.2 s cohort table); with it, the
-- first purchase currency and whether a second one exists are two index range lookups. Entries are small and, on
-- PostgreSQL, deduplicated (few distinct keys), and new orders' entries go to the end of their key's run.
CREATE INDEX ${prefix}orders_currency_idx ON ${prefix}orders (kind, currency);
