-- Cohort tables (analytics' cohorts client) read every order of a currency per customer in (placed_at, kind) order,
-- purchases before returns placed at the same instant. With kind in the index that order comes from the index; without
-- it PostgreSQL sorted the million orders of the benchmark shop on kind within each (customer_id, placed_at), about
-- 0.4 s of the 1.6 s the statement took. The index replaces (customer_id, placed_at), whose lookups it serves the same
-- way, so ingestion still maintains two indexes on orders.
DROP INDEX ${prefix}orders_customer_idx;
CREATE INDEX ${prefix}orders_customer_idx ON ${prefix}orders (customer_id, placed_at, kind);
