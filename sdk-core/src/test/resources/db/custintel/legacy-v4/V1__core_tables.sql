-- Custintel core tables. ${prefix} is the configurable table prefix (default ci_).
-- Portable SQL: the same statements run on H2 2.x and PostgreSQL 12+.
--
-- No foreign keys between these tables, on purpose: the SDK's ingestion is their only writer and, in the same
-- transaction, creates every customer and product an order refers to and replaces an order's lines with the
-- order. Measured on PostgreSQL 15, the per-row key checks were most of the cost of ingesting order lines
-- (4,000 lines: 68 ms with the two keys, 16 ms without); see benchmarks/README.md.

CREATE TABLE ${prefix}customers (
  customer_id   VARCHAR(64)              NOT NULL,
  email         VARCHAR(320),
  name          VARCHAR(200),
  country       VARCHAR(64),
  signed_up_at  TIMESTAMP WITH TIME ZONE,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}customers_pk PRIMARY KEY (customer_id)
);

CREATE INDEX ${prefix}customers_country_idx ON ${prefix}customers (country);

CREATE TABLE ${prefix}products (
  product_id  VARCHAR(64)              NOT NULL,
  name        VARCHAR(300)             NOT NULL,
  category    VARCHAR(120),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}products_pk PRIMARY KEY (product_id)
);

CREATE TABLE ${prefix}orders (
  order_id      VARCHAR(64)              NOT NULL,
  customer_id   VARCHAR(64)              NOT NULL,
  placed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  currency      CHAR(3)                  NOT NULL,
  kind          VARCHAR(8)               NOT NULL,
  total_amount  DECIMAL(19, 4)           NOT NULL,
  item_count    INTEGER                  NOT NULL,
  line_count    INTEGER                  NOT NULL,
  -- Hash of the order's content: a re-sent identical order is recognised without reading its lines.
  content_hash  VARCHAR(44)              NOT NULL,
  ingested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}orders_pk PRIMARY KEY (order_id),
  CONSTRAINT ${prefix}orders_kind_ck CHECK (kind IN ('PURCHASE', 'RETURN')),
  CONSTRAINT ${prefix}orders_total_ck CHECK (total_amount >= 0)
);

CREATE INDEX ${prefix}orders_customer_idx ON ${prefix}orders (customer_id, placed_at);
CREATE INDEX ${prefix}orders_placed_idx ON ${prefix}orders (placed_at);

CREATE TABLE ${prefix}order_lines (
  order_id    VARCHAR(64)    NOT NULL,
  line_no     INTEGER        NOT NULL,
  product_id  VARCHAR(64)    NOT NULL,
  quantity    INTEGER        NOT NULL,
  amount      DECIMAL(19, 4) NOT NULL,
  CONSTRAINT ${prefix}order_lines_pk PRIMARY KEY (order_id, line_no),
  CONSTRAINT ${prefix}order_lines_quantity_ck CHECK (quantity > 0),
  CONSTRAINT ${prefix}order_lines_amount_ck CHECK (amount >= 0)
);

-- No index on order_lines.product_id yet: no query reads lines by product, and each index costs every insert.
