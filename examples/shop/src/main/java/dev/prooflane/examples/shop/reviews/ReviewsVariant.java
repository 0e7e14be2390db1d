package dev.prooflane.examples.shop.reviews;

/**
 * Which version of reviews runs, and so which schema it expects; each has its own main class so a
 * sandbox can fork it.
 */
public enum ReviewsVariant {
  /**
   * The baseline, on {@code sql/reviews-schema.sql}: reviews have {@code id}, {@code item}, {@code
   * stars}, {@code text} and {@code created}. It names its columns, so it also runs on the migrated
   * schema, where its inserts take the default of {@code verified}.
   */
  BASELINE("id, item, stars, text, created"),
  /**
   * The change under validation, on the schema after {@code sql/reviews-v2.sql}: reviews also say
   * whether their author bought the item ({@code verified}); {@code POST} takes it (false when
   * absent). On the old schema it is not healthy: its health check names the missing column.
   */
  VERIFIED("id, item, stars, text, created, verified");

  private final String columns;

  ReviewsVariant(String columns) {
    this.columns = columns;
  }

  /** The columns it reads, in the order of the JSON fields it answers. */
  String columns() {
    return columns;
  }

  /** Whether reviews have the {@code verified} column. */
  boolean verified() {
    return this == VERIFIED;
  }
}
