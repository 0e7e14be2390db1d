package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.model.Placeholders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/shop.jar}'s reviews run as real processes with the command and
 * settings of {@code prooflane.yaml} against a real PostgreSQL server: the baseline on the database
 * its {@code databases.reviews.init} made, and a sandbox's fork with the verified variant on a copy
 * migrated with {@code sql/reviews-v2.sql}, as a sandbox that branches {@code reviews} runs it.
 */
@ExtendWith(TestPostgres.class)
class ReviewsProcessIT {
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);
  private static final String VERIFIED_MAIN =
      "dev.prooflane.examples.shop.reviews.ReviewsVerifiedMain";

  private static Path jar;
  private static JsonNode yaml;

  @TempDir Path logs;
  private final List<ShopProcess> running = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    jar = Path.of(System.getProperty("shop.jar", "target/shop.jar")).toAbsolutePath();
    assertThat(jar).as("run mvn package first").exists();
    // read as plain YAML: the server, the databases and their placeholders are the daemon's
    yaml = new ObjectMapper(new YAMLFactory()).readTree(Path.of("prooflane.yaml").toFile());
  }

  @AfterEach
  void stopAll() {
    running.forEach(ShopProcess::close);
  }

  @Test
  void theForkOnItsMigratedBranchTakesVerifiedReviewsTheBaselineNeverSees(
      TestPostgres.Server postgres) throws Exception {
    List<Path> init = new ArrayList<>();
    yaml.path("databases").path("reviews").path("init").forEach(f -> init.add(Path.of(f.asText())));
    String baseline = postgres.create("reviews", init.toArray(Path[]::new));
    String branch = postgres.copy(baseline, "reviews_pr7");
    postgres.run(branch, Path.of("sql/reviews-v2.sql"));
    Started old = start(null, "baseline", postgres.jdbcUrl(baseline));
    Started fork = start(VERIFIED_MAIN, "pr-7", postgres.jdbcUrl(branch));

    Answer added =
        TestHttp.post(
            fork.uri(),
            "/reviews",
            "{\"item\":\"4\",\"stars\":5,\"text\":\"Bought it.\",\"verified\":true}",
            "baggage",
            "prooflane-key=pr-7");
    Answer seenByBaseline = TestHttp.get(old.uri(), "/reviews?item=4");
    Answer seenByFork =
        TestHttp.get(fork.uri(), "/reviews?item=4", "baggage", "prooflane-key=pr-7");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().path("hops").toString())
        .isEqualTo("[{\"service\":\"reviews\",\"servedBy\":\"pr-7\"}]");
    assertThat(seenByBaseline.body().path("reviews")).isEmpty();
    assertThat(seenByFork.body().path("reviews")).hasSize(1);
    assertThat(seenByFork.body().path("reviews").get(0).path("verified").asBoolean()).isTrue();
    assertThat(TestHttp.get(old.uri(), "/reviews?item=1").body().path("reviews")).hasSize(2);
    assertThat(fork.process().out())
        .contains(
            "reviews pr-7 POST /reviews status=201 key=pr-7 review="
                + added.body().path("id").asText()
                + " item=4",
            "reviews pr-7 GET /reviews?item=4 status=200 key=pr-7");
    assertThat(old.process().out())
        .contains("reviews baseline GET /reviews?item=4 status=200 key=-");
    assertThat(fork.process().err()).isEmpty();
    assertThat(old.process().err()).isEmpty();
  }

  @Test
  void exitsWith2NamingTheSettingWhenDatabaseUrlIsMissing() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(ShopProcess.freePort()));
    ShopProcess process =
        ShopProcess.start("reviews-unset", command(null, env.get("PORT")), env, logs);
    running.add(process);

    assertThat(process.awaitExit(HEALTHY_WITHIN)).isEqualTo(2);
    assertThat(process.err())
        .singleElement()
        .asString()
        .startsWith("reviews: environment variable DATABASE_URL is not set (set it to ");
  }

  /** Starts reviews from its yaml command and settings (with {@code mainClass} when not null). */
  private Started start(String mainClass, String sandbox, String jdbcUrl) throws Exception {
    int port = ShopProcess.freePort();
    Map<String, String> values = values(Integer.toString(port));
    values.put("sandbox", sandbox);
    values.put("databases.reviews.jdbc", jdbcUrl);
    Map<String, String> env = new LinkedHashMap<>();
    yaml.path("services")
        .path("reviews")
        .path("env")
        .properties()
        .forEach(
            e -> env.put(e.getKey(), Placeholders.resolve(e.getValue().asText(), values::get)));
    if (!"baseline".equals(sandbox)) {
      env.put("PROOFLANE_SANDBOX", sandbox);
    }
    ShopProcess process =
        ShopProcess.start("reviews-" + sandbox, command(mainClass, values.get("port")), env, logs);
    running.add(process);
    process.awaitHealthy(port, HEALTHY_WITHIN);
    return new Started(process, URI.create("http://127.0.0.1:" + port));
  }

  private static List<String> command(String mainClass, String port) {
    Map<String, String> values = values(port);
    List<String> command = new ArrayList<>();
    for (String word :
        yaml.path("services").path("reviews").path("command").asText().split("\\s+")) {
      command.add(Placeholders.resolve(word, values::get));
    }
    if (mainClass != null) {
      command.set(command.size() - 1, mainClass);
    }
    return command;
  }

  private static Map<String, String> values(String port) {
    Map<String, String> values = new HashMap<>();
    values.put("port", port);
    values.put("artifact", jar.toString());
    return values;
  }

  private record Started(ShopProcess process, URI uri) {}
}
