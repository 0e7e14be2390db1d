package dev.prooflane.examples.shop.reviews;

/**
 * Reviews with the {@code verified} column: the change a sandbox validates, on its branch of the
 * database migrated with {@code sql/reviews-v2.sql}.
 */
public final class ReviewsVerifiedMain {
  private ReviewsVerifiedMain() {}

  public static void main(String[] args) {
    ReviewsService.launch(ReviewsVariant.VERIFIED);
  }
}
