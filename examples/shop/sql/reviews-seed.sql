-- A few reviews of the shop's items (ids 1 to 5, as the catalog has them); item 4 has none.
INSERT INTO reviews (item, stars, text, created) VALUES
  ('1', 5, 'Keeps the espresso hot, and the glass never gets warm.', '2026-03-02 09:15:00+00'),
  ('1', 4, 'Lovely cup, a little small for a double.', '2026-03-05 17:40:00+00'),
  ('2', 3, 'Good coffee; the plunger squeaks.', '2026-03-07 08:05:00+00'),
  ('3', 5, 'Even grind, and quiet. Bought a second one as a present.', '2026-03-09 12:30:00+00'),
  ('5', 2, 'Tear at the seam in a few of them.', '2026-03-11 19:55:00+00');
