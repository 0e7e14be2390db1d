package dev.prooflane.examples.shop.reviews;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.examples.shop.http.Json;
import java.util.Optional;

/**
 * A review as {@code POST /reviews} takes it.
 *
 * @param item the reviewed item's id, 1 to 64 characters
 * @param stars 1 to 5
 * @param text what the reviewer wrote, up to 2,000 characters (may be empty)
 * @param verified whether the author bought the item (the {@link ReviewsVariant#VERIFIED} variant
 *     only; false otherwise)
 */
record NewReview(String item, int stars, String text, boolean verified) {
  static final int MAX_ITEM = 64;
  static final int MAX_TEXT = 2000;

  NewReview {
    requireNonNull(item, "item");
    requireNonNull(text, "text");
    if (item.isEmpty() || item.length() > MAX_ITEM) {
      throw new IllegalArgumentException("item: " + item + " (expected: 1 to 64 characters)");
    }
    if (stars < 1 || stars > 5) {
      throw new IllegalArgumentException("stars: " + stars + " (expected: 1 to 5)");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "text: " + text.length() + " characters (expected: up to " + MAX_TEXT + ")");
    }
  }

  /**
   * The review in a request body {@code {"item": "1", "stars": 5, "text": "..."}} (and {@code
   * "verified": true} for {@code variant} {@link ReviewsVariant#VERIFIED}; other variants ignore
   * it, as they ignore any field they do not know), or why it is not one, such as {@code stars: 6
   * (expected: a whole number from 1 to 5)}.
   */
  static Result parse(String body, ReviewsVariant variant) {
    JsonNode json = Json.parseOrText(body);
    if (!json.isObject()) {
      return Result.problem("body: expected a JSON object {item, stars, text}");
    }
    JsonNode item = json.path("item");
    if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > MAX_ITEM) {
      return Result.problem("item: " + item + " (expected: an item id, 1 to 64 characters)");
    }
    JsonNode stars = json.path("stars");
    if (!stars.isIntegralNumber() || stars.asLong() < 1 || stars.asLong() > 5) {
      return Result.problem("stars: " + stars + " (expected: a whole number from 1 to 5)");
    }
    JsonNode text = json.path("text");
    if (!text.isTextual() || text.asText().length() > MAX_TEXT) {
      String got = text.isTextual() ? text.asText().length() + " characters" : text.toString();
      return Result.problem("text: " + got + " (expected: a text of up to 2000 characters)");
    }
    JsonNode verified = json.path("verified");
    if (variant.verified() && !verified.isMissingNode() && !verified.isBoolean()) {
      return Result.problem("verified: " + verified + " (expected: true or false)");
    }
    return new Result(
        Optional.of(
            new NewReview(
                item.asText(),
                stars.intValue(),
                text.asText(),
                variant.verified() && verified.asBoolean(false))),
        null);
  }

  /** The review, or the problem with the body. */
  record Result(Optional<NewReview> review, String problem) {
    static Result problem(String problem) {
      return new Result(Optional.empty(), problem);
    }
  }
}
