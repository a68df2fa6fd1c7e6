-- Product figures (ProductClient) read a product's order lines: without this index each call read every line
-- (0.4-1.1 s for a page of 50 products over 216k lines on PostgreSQL). It costs each ingested line one more
-- index entry.
CREATE INDEX ${prefix}order_lines_product_idx ON ${prefix}order_lines (product_id);
