-- Product affinity of a model run: the association rules between products mined from the run's baskets, the
-- products they name (for lookups by product), and per-product statistics (baskets, buyers and their mean
-- lifetime value, which weighs cross-sell suggestions). Written in the run's transaction, deleted with the run.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

CREATE TABLE ${prefix}product_rules (
  run_id           BIGINT           NOT NULL,
  rule_no          INTEGER          NOT NULL,
  -- The product ids of each side as a JSON array, ascending; read whole, queried through product_rule_items.
  antecedent       TEXT             NOT NULL,
  consequent       TEXT             NOT NULL,
  antecedent_size  INTEGER          NOT NULL,
  consequent_size  INTEGER          NOT NULL,
  baskets          INTEGER          NOT NULL,
  support          DOUBLE PRECISION NOT NULL,
  confidence       DOUBLE PRECISION NOT NULL,
  lift             DOUBLE PRECISION NOT NULL,
  leverage         DOUBLE PRECISION NOT NULL,
  -- Null when the confidence is 1: the conviction is infinite.
  conviction       DOUBLE PRECISION,
  CONSTRAINT ${prefix}product_rules_pk PRIMARY KEY (run_id, rule_no),
  CONSTRAINT ${prefix}product_rules_confidence_ck CHECK (confidence >= 0 AND confidence <= 1)
);

-- The strongest rules of a run, read from the top.
CREATE INDEX ${prefix}product_rules_lift_idx ON ${prefix}product_rules (run_id, lift);

CREATE TABLE ${prefix}product_rule_items (
  run_id      BIGINT      NOT NULL,
  -- 'A' for the antecedent, 'C' for the consequent.
  side        CHAR(1)     NOT NULL,
  product_id  VARCHAR(64) NOT NULL,
  rule_no     INTEGER     NOT NULL,
  CONSTRAINT ${prefix}product_rule_items_pk PRIMARY KEY (run_id, side, product_id, rule_no),
  CONSTRAINT ${prefix}product_rule_items_side_ck CHECK (side IN ('A', 'C'))
);

CREATE TABLE ${prefix}product_stats (
  run_id          BIGINT           NOT NULL,
  product_id      VARCHAR(64)      NOT NULL,
  baskets         INTEGER          NOT NULL,
  buyers          INTEGER          NOT NULL,
  -- Buyers with a score in the run (customers who bought in the run's currency), and their mean lifetime value;
  -- null when none has a score.
  scored_buyers   INTEGER          NOT NULL,
  buyer_ltv_mean  DOUBLE PRECISION,
  CONSTRAINT ${prefix}product_stats_pk PRIMARY KEY (run_id, product_id)
);
