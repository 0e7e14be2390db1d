-- The reviews service's table, as the baseline runs it. Prooflane runs this file, then
-- reviews-seed.sql, once: when the daemon creates the database `reviews` (prooflane.yaml).
CREATE TABLE reviews (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item    text NOT NULL CHECK (length(item) BETWEEN 1 AND 64),
  stars   smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  text    text NOT NULL CHECK (length(text) <= 2000),
  created timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reviews_item ON reviews (item, id);
