-- Cohort tables (analytics' cohorts client) read every order of a currency per customer in (placed_at, kind) order,
-- purchases before returns placed at the same instant, and need only the currency and total of each. Measured on the
-- benchmark shop (1,038,785 orders, PostgreSQL 15): without kind in the index PostgreSQL sorted within each
-- (customer_id, placed_at), 0.15-0.3 s more to read the orders in order. With currency and total_amount too the
-- index covers the statement: once a vacuum has set the table's visibility map, PostgreSQL reads the index alone
-- (1.2-1.3 s for the statement, against 1.7-1.8 s reading the table's rows as well). Key columns rather than INCLUDE, which H2 lacks. The index
-- replaces (customer_id, placed_at), whose lookups it serves the same way, so ingestion still maintains two indexes
-- on orders; its entries are wider (67 MB instead of 39 MB for the million orders).
DROP INDEX ${prefix}orders_customer_idx;
CREATE INDEX ${prefix}orders_customer_idx ON ${prefix}orders (customer_id, placed_at, kind, currency, total_amount);
