package dev.prooflane.examples.shop;

import static dev.prooflane.examples.shop.ReviewsTest.SCHEMA;
import static dev.prooflane.examples.shop.ReviewsTest.SEED;
import static dev.prooflane.examples.shop.ReviewsTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.reviews.ReviewsVariant;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema change under test: {@code sql/reviews-v2.sql} applied to a copy of the baseline's
 * database (as a sandbox's {@code copy} branch is made), the verified variant on it, and how each
 * version of the code fares on the other's schema.
 */
@ExtendWith(TestPostgres.class)
class ReviewsMigrationTest {
  private static final String VERIFIED_COLUMNS =
      "SELECT count(*) FROM information_schema.columns"
          + " WHERE table_name = 'reviews' AND column_name = 'verified'";

  @RegisterExtension final RunningReviews services = new RunningReviews();

  @Test
  void theVerifiedVariantOnTheMigratedBranchTakesAndListsVerifiedWhileTheBaselineStaysAsItWas(
      TestPostgres.Server postgres) throws Exception {
    String baseline = postgres.create("reviews", SCHEMA, SEED);
    String branch = postgres.copy(baseline, "reviews_pr7");
    postgres.run(branch, V2);
    URI fork = services.start(ReviewsVariant.VERIFIED, postgres.jdbcUrl(branch), "pr-7");

    Answer health = TestHttp.get(fork, "/health");
    JsonNode seeded = TestHttp.get(fork, "/reviews?item=1").body().path("reviews");
    Answer added =
        TestHttp.post(
            fork,
            "/reviews",
            "{\"item\":\"1\",\"stars\":5,\"text\":\"Bought two.\",\"verified\":true}",
            "baggage",
            "prooflane-key=pr-7");
    Answer plain = TestHttp.post(fork, "/reviews", "{\"item\":\"1\",\"stars\":3,\"text\":\"\"}");
    Answer wrong =
        TestHttp.post(
            fork, "/reviews", "{\"item\":\"1\",\"stars\":3,\"text\":\"\",\"verified\":\"yes\"}");
    JsonNode after = TestHttp.get(fork, "/reviews?item=1").body().path("reviews");

    assertThat(health.status()).isEqualTo(200);
    assertThat(seeded).hasSize(2).allMatch(r -> r.path("verified").isBoolean());
    assertThat(seeded).noneMatch(r -> r.path("verified").asBoolean());
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().path("verified").asBoolean()).isTrue();
    assertThat(plain.body().path("verified").isBoolean()).isTrue();
    assertThat(plain.body().path("verified").asBoolean()).isFalse();
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().path("message").asText())
        .isEqualTo("verified: \"yes\" (expected: true or false)");
    assertThat(after).hasSize(4);
    assertThat(after.get(2).path("verified").asBoolean()).isTrue();
    assertThat(after.get(2).path("text").asText()).isEqualTo("Bought two.");
    assertThat(postgres.number(baseline, "SELECT count(*) FROM reviews")).isEqualTo(5);
    assertThat(postgres.number(baseline, VERIFIED_COLUMNS)).isZero();
    assertThat(postgres.number(branch, VERIFIED_COLUMNS)).isEqualTo(1);
  }

  @Test
  void theBaselinesCodeStillWorksOnTheMigratedSchema(TestPostgres.Server postgres)
      throws Exception {
    String branch = postgres.copy(postgres.create("reviews", SCHEMA, SEED), "reviews_pr7");
    postgres.run(branch, V2);
    URI old = services.start(ReviewsVariant.BASELINE, postgres.jdbcUrl(branch), "baseline");
    URI fork = services.start(ReviewsVariant.VERIFIED, postgres.jdbcUrl(branch), "pr-7");

    Answer health = TestHttp.get(old, "/health");
    Answer list = TestHttp.get(old, "/reviews?item=1");
    // it does not know the field, so it ignores it: the row takes the column's default
    Answer added =
        TestHttp.post(
            old, "/reviews", "{\"item\":\"2\",\"stars\":4,\"text\":\"Fine.\",\"verified\":true}");
    JsonNode seenByFork = TestHttp.get(fork, "/reviews?item=2").body().path("reviews");

    assertThat(health.status()).isEqualTo(200);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("reviews")).hasSize(2).noneMatch(r -> r.has("verified"));
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().has("verified")).isFalse();
    assertThat(seenByFork).hasSize(2);
    assertThat(seenByFork.get(1).path("text").asText()).isEqualTo("Fine.");
    assertThat(seenByFork.get(1).path("verified").asBoolean(true)).isFalse();
    assertThat(services.log.err()).isEmpty();
  }

  @Test
  void theVerifiedVariantOnTheBaselinesSchemaIsNotHealthyAndNamesTheMissingColumn(
      TestPostgres.Server postgres) throws Exception {
    String baseline = postgres.create("reviews", SCHEMA, SEED);
    URI fork = services.start(ReviewsVariant.VERIFIED, postgres.jdbcUrl(baseline), "pr-7");

    Answer health = TestHttp.get(fork, "/health");
    Answer list = TestHttp.get(fork, "/reviews?item=1");
    Answer added =
        TestHttp.post(
            fork, "/reviews", "{\"item\":\"1\",\"stars\":5,\"text\":\"x\",\"verified\":true}");

    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body().path("message").asText())
        .contains("column \"verified\" does not exist");
    assertThat(list.status()).isEqualTo(500);
    assertThat(list.body().path("message").asText()).contains("\"verified\" does not exist");
    assertThat(added.status()).isEqualTo(500);
    assertThat(services.log.err())
        .anyMatch(l -> l.startsWith("ERROR reviews: POST /reviews: database: "));
    assertThat(postgres.number(baseline, "SELECT count(*) FROM reviews")).isEqualTo(5);
  }
}
