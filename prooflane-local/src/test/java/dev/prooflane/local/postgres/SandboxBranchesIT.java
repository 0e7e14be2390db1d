package dev.prooflane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.LocalRuntimeAccess;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.TestEnvironment;
import dev.prooflane.model.BranchMode;
import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.BranchStatus;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.EnvironmentReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandboxes with database branches through the local runtime, on a real PostgreSQL server (the
 * module's shared one, as an existing server named by {@code postgres.url}): the forks of a sandbox
 * see its branch, migrated, the baseline its database; the branch goes with the sandbox.
 */
@ExtendWith(SharedPostgres.class)
class SandboxBranchesIT {
  private static final String DB = "sbx_reviews";

  @TempDir Path dir;
  private PostgresServer server;
  private Environment env;
  private LocalRuntime runtime;

  @BeforeEach
  void start(PostgresServer shared) throws Exception {
    server = shared;
    Sql.run(server, "postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    for (Branch branch : server.branches().list()) {
      if (branch.source().equals(DB)) {
        server.branches().drop(branch.name());
      }
    }
    Files.writeString(
        dir.resolve("schema.sql"),
        "CREATE TABLE reviews (id int GENERATED ALWAYS AS IDENTITY, item text NOT NULL);\n"
            + "INSERT INTO reviews (item) VALUES ('book'), ('pen');\n");
    Files.writeString(
        dir.resolve("v2.sql"),
        "ALTER TABLE reviews ADD COLUMN verified boolean NOT NULL DEFAULT false;\n");
    Files.writeString(dir.resolve("broken.sql"), "SELECT 1;\nALTER TABLE nowhere ADD x int;\n");
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: data
        postgres: {url: "%s"}
        databases:
          %s: {init: [schema.sql]}
        services:
          svc:
            command: %s ${databases.%s.name}
            env: {PORT: "${port}", DATABASE_URL: "${databases.%s.jdbc}"}
            health: {timeout: 30s}
        """
            .formatted(server.url("postgres").url(), DB, TestEnvironment.echoCommand(), DB, DB));
    env = EnvironmentReader.read(file);
    runtime = start();
  }

  private LocalRuntime start() {
    return LocalRuntime.start(
        env,
        new LocalOptions(
            StateFolder.of(dir.resolve(".prooflane")),
            Clock.systemUTC(),
            Duration.ofSeconds(3),
            Duration.ofMillis(200)),
        line -> {});
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static SandboxSpec sandbox(String name, BranchRequest request, Optional<Duration> ttl) {
    return new SandboxSpec(
        name, Optional.empty(), ttl, Map.of(), List.of(Fork.of("svc")), Map.of(DB, request));
  }

  private List<String> items(String database) throws Exception {
    return Sql.column(server, database, "SELECT item FROM reviews ORDER BY id");
  }

  /** What {@code psql URL} prints for the items of the reviews table, one per line. */
  private static String psql(String url) throws Exception {
    Process p =
        new ProcessBuilder("psql", url, "-AtX", "-c", "SELECT item FROM reviews ORDER BY id")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private boolean exists(String database) throws Exception {
    return Sql.databases(server).contains(database);
  }

  @Test
  void theForksSeeTheirMigratedBranchAndTheBaselineItsDatabaseUntouched() throws Exception {
    Sandbox created =
        runtime.createSandbox(
            sandbox(
                "pr-1", new BranchRequest(BranchMode.COPY, List.of("v2.sql")), Optional.empty()),
            line -> {});
    String branch = Branches.name(DB, "pr-1");

    assertThat(created.phase()).isEqualTo(SandboxPhase.READY);
    assertThat(created.branches())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.database()).isEqualTo(DB);
              assertThat(b.name()).isEqualTo(branch);
              assertThat(b.mode()).isEqualTo(BranchMode.COPY);
              assertThat(b.sizeBytes()).isPositive();
            });
    List<String> forkCommand = runtime.forkCommands("pr-1").get("svc");
    assertThat(forkCommand.get(forkCommand.size() - 1)).isEqualTo(branch);
    assertThat(runtime.database(DB, Optional.of("pr-1")).orElseThrow().name()).isEqualTo(branch);
    assertThat(runtime.database(DB, Optional.empty()).orElseThrow().name()).isEqualTo(DB);
    LocalRuntimeAccess access = new LocalRuntimeAccess(runtime, text -> text);
    assertThat(access.database(DB, Optional.of("pr-1")).orElseThrow().branch()).isTrue();
    assertThat(access.database(DB, Optional.empty()).orElseThrow().branch()).isFalse();
    assertThat(access.database("other", Optional.empty())).isEmpty();

    // the migration ran on the branch only; writes there stay there
    Sql.run(server, branch, "INSERT INTO reviews (item, verified) VALUES ('lamp', true)");
    assertThat(items(branch)).containsExactly("book", "pen", "lamp");
    assertThat(items(DB)).containsExactly("book", "pen");
    assertThat(
            Sql.column(
                server,
                DB,
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'reviews'"))
        .doesNotContain("verified");

    // a client Prooflane did not write reads the branch by the URL a fork gets
    assertThat(psql(runtime.database(DB, Optional.of("pr-1")).orElseThrow().url()))
        .isEqualTo("book\npen\nlamp\n");

    runtime.deleteSandbox("pr-1");
    assertThat(exists(branch)).as("the branch is dropped with its sandbox").isFalse();
    assertThat(items(DB)).containsExactly("book", "pen");
  }

  @Test
  void twoSandboxesBranchTheSameDatabaseWithoutSeeingEachOther() throws Exception {
    runtime.createSandbox(sandbox("a", BranchRequest.COPY, Optional.empty()), line -> {});
    runtime.createSandbox(
        sandbox("b", new BranchRequest(BranchMode.SCHEMA, List.of()), Optional.empty()),
        line -> {});

    Sql.run(server, Branches.name(DB, "a"), "INSERT INTO reviews (item) VALUES ('only-a')");

    assertThat(items(Branches.name(DB, "a"))).containsExactly("book", "pen", "only-a");
    assertThat(items(Branches.name(DB, "b"))).isEmpty();
    assertThat(items(DB)).containsExactly("book", "pen");
  }

  @Test
  void aFailingMigrationFailsTheCreationAndLeavesNothing() throws Exception {
    assertThatThrownBy(
            () ->
                runtime.createSandbox(
                    sandbox(
                        "bad",
                        new BranchRequest(BranchMode.COPY, List.of("broken.sql")),
                        Optional.empty()),
                    line -> {}))
        .isInstanceOf(PostgresException.class)
        .hasMessageContaining("sandbox bad: databases." + DB + ".migrate")
        .hasMessageContaining("broken.sql:2")
        .hasMessageContaining("relation \"nowhere\" does not exist");

    assertThat(exists(Branches.name(DB, "bad"))).isFalse();
    assertThat(runtime.sandboxes()).isEmpty();
  }

  @Test
  void anUnknownDatabaseOrMigrationFileIsRefusedAtItsField() {
    assertThatThrownBy(
            () ->
                runtime.createSandbox(
                    new SandboxSpec(
                        "x",
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(),
                        List.of(Fork.of("svc")),
                        Map.of(
                            "ratings",
                            BranchRequest.COPY,
                            DB,
                            new BranchRequest(BranchMode.COPY, List.of("missing.sql")))),
                    line -> {}))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.field()).isEqualTo("databases.ratings");
                          assertThat(p.message()).contains("no database 'ratings'");
                        })
                    .anySatisfy(
                        p -> {
                          assertThat(p.field()).isEqualTo("databases." + DB + ".migrate[0]");
                          assertThat(p.message()).contains("missing.sql not found");
                        }));
    assertThat(runtime.sandboxes()).isEmpty();
  }

  @Test
  void theTtlDropsTheBranch() throws Exception {
    runtime.createSandbox(
        sandbox("brief", BranchRequest.COPY, Optional.of(Duration.ofSeconds(1))), line -> {});
    String branch = Branches.name(DB, "brief");
    assertThat(exists(branch)).isTrue();

    await().atMost(Duration.ofSeconds(20)).until(() -> !exists(branch));
    assertThat(runtime.sandboxes()).isEmpty();
  }

  @Test
  void aRestartKeepsTheBranchesOfLiveSandboxesAndDropsTheOthers() throws Exception {
    runtime.createSandbox(sandbox("kept", BranchRequest.COPY, Optional.empty()), line -> {});
    Sql.run(server, Branches.name(DB, "kept"), "INSERT INTO reviews (item) VALUES ('kept-row')");
    // a branch whose sandbox is gone, as a daemon killed during a deletion leaves it
    String orphan = Branches.name(DB, "ghost");
    server.branches().create(DB, orphan, BranchMode.EMPTY);
    runtime.close();

    runtime = start();

    assertThat(exists(orphan)).isFalse();
    Sandbox kept = runtime.sandbox("kept");
    assertThat(kept.phase()).isEqualTo(SandboxPhase.READY);
    assertThat(kept.branches())
        .extracting(BranchStatus::name)
        .containsExactly(Branches.name(DB, "kept"));
    assertThat(items(Branches.name(DB, "kept"))).contains("kept-row");
  }
}
