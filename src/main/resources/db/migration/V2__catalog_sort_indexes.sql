-- The product list can be sorted by name (indexed in V1), price and creation time.
CREATE INDEX products_price_idx ON products (price, id);
CREATE INDEX products_created_at_idx ON products (created_at, id);
