package dev.prooflane.examples.shop.reviews;

/** The reviews service as the baseline runs it, on the database at {@code DATABASE_URL}. */
public final class ReviewsMain {
  private ReviewsMain() {}

  public static void main(String[] args) {
    ReviewsService.launch(ReviewsVariant.BASELINE);
  }
}
