package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.http.ServiceEnv;
import dev.prooflane.examples.shop.http.SettingException;
import dev.prooflane.examples.shop.reviews.ReviewsService;
import dev.prooflane.examples.shop.reviews.ReviewsVariant;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The baseline reviews service on the baseline's schema and seed ({@code sql/reviews-schema.sql},
 * {@code sql/reviews-seed.sql}) in a real PostgreSQL database.
 */
@ExtendWith(TestPostgres.class)
class ReviewsTest {
  static final Path SCHEMA = Path.of("sql/reviews-schema.sql");
  static final Path SEED = Path.of("sql/reviews-seed.sql");
  static final Path V2 = Path.of("sql/reviews-v2.sql");

  @RegisterExtension final RunningReviews services = new RunningReviews();

  @Test
  void listsAnItemsSeededReviewsOldestFirst(TestPostgres.Server postgres) throws Exception {
    URI reviews =
        services.start(
            ReviewsVariant.BASELINE,
            postgres.jdbcUrl(postgres.create("reviews", SCHEMA, SEED)),
            "baseline");

    Answer answer = TestHttp.get(reviews, "/reviews?item=1", "baggage", "prooflane-key=pr-7");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("item").asText()).isEqualTo("1");
    JsonNode list = answer.body().path("reviews");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).path("stars").asInt()).isEqualTo(5);
    assertThat(list.get(0).path("created").asText()).isEqualTo("2026-03-02T09:15:00Z");
    assertThat(list.get(1).path("text").asText())
        .isEqualTo("Lovely cup, a little small for a double.");
    assertThat(list.get(0).has("verified")).isFalse();
    assertThat(answer.body().path("hops").toString())
        .isEqualTo("[{\"service\":\"reviews\",\"servedBy\":\"baseline\"}]");
    assertThat(services.log.out())
        .contains("reviews baseline GET /reviews?item=1 status=200 key=pr-7");
    assertThat(TestHttp.get(reviews, "/reviews?item=4").body().path("reviews")).isEmpty();
  }

  @Test
  void addsAReviewThatTheItemsListThenShows(TestPostgres.Server postgres) throws Exception {
    String database = postgres.create("reviews", SCHEMA, SEED);
    URI reviews = services.start(ReviewsVariant.BASELINE, postgres.jdbcUrl(database), "pr-7");

    Answer added =
        TestHttp.post(
            reviews,
            "/reviews",
            "{\"item\":\"4\",\"stars\":4,\"text\":\"Pours slowly, as it should.\"}",
            "baggage",
            "prooflane-key=pr-7");

    assertThat(added.status()).isEqualTo(201);
    long id = added.body().path("id").asLong();
    assertThat(added.body().path("item").asText()).isEqualTo("4");
    assertThat(added.body().path("created").asText()).endsWith("Z");
    assertThat(added.body().path("hops").toString())
        .isEqualTo("[{\"service\":\"reviews\",\"servedBy\":\"pr-7\"}]");
    JsonNode list = TestHttp.get(reviews, "/reviews?item=4").body().path("reviews");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("id").asLong()).isEqualTo(id);
    assertThat(list.get(0).path("text").asText()).isEqualTo("Pours slowly, as it should.");
    assertThat(postgres.number(database, "SELECT count(*) FROM reviews")).isEqualTo(6);
    assertThat(services.log.out())
        .contains("reviews pr-7 POST /reviews status=201 key=pr-7 review=" + id + " item=4");
  }

  @Test
  void refusesABadReviewNamingTheFieldAndStoresNothing(TestPostgres.Server postgres)
      throws Exception {
    String database = postgres.create("reviews", SCHEMA, SEED);
    URI reviews = services.start(ReviewsVariant.BASELINE, postgres.jdbcUrl(database), "baseline");

    Answer stars = TestHttp.post(reviews, "/reviews", "{\"item\":\"1\",\"stars\":6,\"text\":\"\"}");
    Answer item = TestHttp.post(reviews, "/reviews", "{\"stars\":3,\"text\":\"ok\"}");
    Answer text = TestHttp.post(reviews, "/reviews", "{\"item\":\"1\",\"stars\":3,\"text\":7}");
    Answer noItem = TestHttp.get(reviews, "/reviews");

    assertThat(stars.status()).isEqualTo(400);
    assertThat(stars.body().path("message").asText())
        .isEqualTo("stars: 6 (expected: a whole number from 1 to 5)");
    assertThat(item.body().path("message").asText()).startsWith("item: ");
    assertThat(text.body().path("message").asText()).startsWith("text: 7 (expected: ");
    assertThat(noItem.status()).isEqualTo(400);
    assertThat(noItem.body().path("message").asText()).startsWith("item: missing");
    assertThat(TestHttp.get(reviews, "/nope").status()).isEqualTo(404);
    assertThat(postgres.number(database, "SELECT count(*) FROM reviews")).isEqualTo(5);
  }

  @Test
  void isHealthyOnlyOnceTheDatabaseAnswers(TestPostgres.Server postgres) throws Exception {
    String database = "reviews_later_" + System.nanoTime();
    URI reviews = services.start(ReviewsVariant.BASELINE, postgres.jdbcUrl(database), "baseline");

    Answer missing = TestHttp.get(reviews, "/health");
    Answer list = TestHttp.get(reviews, "/reviews?item=1");
    postgres.execute("postgres", "CREATE DATABASE " + database);
    Answer empty = TestHttp.get(reviews, "/health");
    postgres.run(database, SCHEMA);
    Answer up = TestHttp.get(reviews, "/health");

    assertThat(missing.status()).isEqualTo(503);
    assertThat(missing.body().path("message").asText())
        .startsWith("database: ")
        .contains("\"" + database + "\" does not exist");
    assertThat(list.status()).isEqualTo(503);
    assertThat(services.log.err())
        .anyMatch(l -> l.startsWith("ERROR reviews: GET /reviews?item=1"));
    assertThat(empty.status()).as("no table yet").isEqualTo(503);
    assertThat(empty.body().path("message").asText()).contains("\"reviews\" does not exist");
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.body().path("status").asText()).isEqualTo("UP");
  }

  @Test
  void refusesADatabaseUrlThatIsNotJdbcWithoutEchoingIt() {
    ServiceEnv env =
        ServiceEnv.of(
            "reviews", Map.of("DATABASE_URL", "postgresql://u:pw-4f9a@127.0.0.1:5432/reviews"));

    assertThatThrownBy(
            () -> ReviewsService.start(ReviewsVariant.BASELINE, env, 0, services.log.console))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("reviews: DATABASE_URL does not start with jdbc:postgresql://")
        .hasMessageNotContaining("pw-4f9a");
    assertThatThrownBy(
            () ->
                ReviewsService.start(
                    ReviewsVariant.BASELINE,
                    ServiceEnv.of("reviews", Map.of()),
                    0,
                    services.log.console))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("reviews: environment variable DATABASE_URL is not set");
  }
}
