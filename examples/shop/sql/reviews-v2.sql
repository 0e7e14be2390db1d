-- The schema change under test: a review says whether its author bought the item. Run on a
-- sandbox's branch of `reviews` (the sandbox's databases.reviews.migrate) before its fork of
-- reviews (ReviewsVerifiedMain) starts; the baseline's database keeps the old schema. Existing
-- rows get false; the baseline's code still works on the new schema (it never names the column,
-- and its inserts take the default).
ALTER TABLE reviews ADD COLUMN verified boolean NOT NULL DEFAULT false;
