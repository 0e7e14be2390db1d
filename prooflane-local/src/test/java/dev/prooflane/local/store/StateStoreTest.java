package dev.prooflane.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.prooflane.local.process.RegisteredProcess;
import dev.prooflane.model.Fork;
import dev.prooflane.model.ForkStatus;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path dir;

  static Sandbox sandbox(String name) {
    Fork pricing =
        new Fork(
            "pricing",
            Optional.of(List.of("java", "-jar", "${artifact}", "--port", "${port}")),
            List.of("--verbose"),
            Map.of("FEATURE_X", "on"),
            List.of("DEBUG"),
            Optional.of("build/pricing-pr42.jar"));
    SandboxSpec spec =
        new SandboxSpec(
            name,
            Optional.of(new RoutingKey("pr-42.k_7")),
            Optional.of(Duration.ofMinutes(30)),
            Map.of("pr", "42", "owner", "agent"),
            List.of(pricing, Fork.of("cart")));
    Instant created = Instant.parse("2026-11-02T10:15:30.123456Z");
    return new Sandbox(
        spec,
        new RoutingKey("pr-42.k_7"),
        SandboxPhase.READY,
        created,
        Optional.of(created.plus(Duration.ofMinutes(30))),
        List.of(
            new ForkStatus("pricing", "running", 41234, 4242, ""),
            new ForkStatus("cart", "exited", 0, 0, "exit code 1")),
        "");
  }

  @Test
  void roundTripsASandboxWithForksTtlLabelsAndExpiry() throws Exception {
    Sandbox original = sandbox("pr-42");
    try (StateStore store = new StateStore(dir.resolve("state/state.db"))) {
      store.putSandbox(original);

      assertThat(store.sandbox("pr-42")).contains(original);
      assertThat(store.sandbox("nope")).isEmpty();
    }
    assertThat(rawJson("state/state.db", "pr-42"))
        .contains("\"ttl\":\"PT30M\"")
        .contains("\"expiresAt\":\"2026-11-02T10:45:30.123456Z\"");
  }

  @Test
  void roundTripsEmptyOptionals() {
    Sandbox base = sandbox("plain");
    SandboxSpec spec =
        new SandboxSpec("plain", Optional.empty(), Optional.empty(), Map.of(), base.spec().forks());
    Sandbox plain =
        new Sandbox(
            spec,
            RoutingKey.generate(),
            SandboxPhase.STARTING,
            Instant.now(),
            Optional.empty(),
            List.of(),
            "starting forks");
    try (StateStore store = new StateStore(dir.resolve("state.db"))) {
      store.putSandbox(plain);

      assertThat(store.sandbox("plain")).contains(plain);
    }
  }

  @Test
  void keepsEverythingAcrossReopen() {
    Path db = dir.resolve(".prooflane/state.db");
    Instant started = Instant.parse("2026-11-02T10:00:00.01Z");
    try (StateStore store = new StateStore(db)) {
      store.putSandbox(sandbox("zeta"));
      store.putSandbox(sandbox("alpha"));
      store.putSandbox(sandbox("alpha").withPhase(SandboxPhase.DEGRADED, "cart exited"));
      store.add("pr-42/pricing", 4242, started);
      store.putMeta("daemon.port", "7070");
    }
    try (StateStore store = StateStore.open(db)) {
      assertThat(store.sandboxes())
          .extracting(Sandbox::name, Sandbox::phase, Sandbox::message)
          .containsExactly(
              tuple("alpha", SandboxPhase.DEGRADED, "cart exited"),
              tuple("zeta", SandboxPhase.READY, ""));
      assertThat(store.all())
          .containsExactly(new RegisteredProcess("pr-42/pricing", 4242, started));
      assertThat(store.meta("daemon.port")).contains("7070");
      assertThat(store.path()).isEqualTo(db.toAbsolutePath());
    }
  }

  @Test
  void deletesSandboxes() {
    try (StateStore store = new StateStore(dir.resolve("state.db"))) {
      store.putSandbox(sandbox("a"));
      store.putSandbox(sandbox("b"));

      store.deleteSandbox("a");
      store.deleteSandbox("never-existed");

      assertThat(store.sandboxes()).extracting(Sandbox::name).containsExactly("b");
    }
  }

  @Test
  void recordsAndForgetsProcesses() {
    try (StateStore store = new StateStore(dir.resolve("state.db"))) {
      Instant t = Instant.parse("2026-11-02T10:00:00Z");
      store.add("baseline/cart", 300, t);
      store.add("baseline/pricing", 200, t.plusSeconds(1));
      store.add("pr-1/pricing", 300, t.plusSeconds(2));

      assertThat(store.all())
          .containsExactly(
              new RegisteredProcess("baseline/pricing", 200, t.plusSeconds(1)),
              new RegisteredProcess("pr-1/pricing", 300, t.plusSeconds(2)));

      store.remove(200);
      store.remove(999);

      assertThat(store.all()).extracting(RegisteredProcess::pid).containsExactly(300L);
    }
  }

  @Test
  void readsAndOverwritesSettings() {
    try (StateStore store = new StateStore(dir.resolve("state.db"))) {
      assertThat(store.meta("k")).isEmpty();
      store.putMeta("k", "1");
      store.putMeta("k", "2");

      assertThat(store.meta("k")).contains("2");
    }
  }

  @Test
  void namesTheSandboxAndTheDatabaseOfACorruptedRowAndKeepsTheOthers() throws Exception {
    Path db = dir.resolve("state.db");
    try (StateStore store = new StateStore(db)) {
      store.putSandbox(sandbox("good-1"));
      store.putSandbox(sandbox("broken"));
      store.putSandbox(sandbox("good-2"));
    }
    execute(db, "UPDATE sandboxes SET json = '{\"spec\": {\"name\": 42' WHERE name = 'broken'");

    try (StateStore store = new StateStore(db)) {
      assertThatThrownBy(store::sandboxes)
          .isInstanceOfSatisfying(
              CorruptedSandboxException.class,
              e -> {
                assertThat(e.sandboxes()).containsExactly("broken");
                assertThat(e.readable())
                    .extracting(Sandbox::name)
                    .containsExactly("good-1", "good-2");
                assertThat(e.database()).isEqualTo(db.toAbsolutePath());
              })
          .hasMessageContaining("'broken'")
          .hasMessageContaining(db.toAbsolutePath().toString())
          .hasMessageContaining("delete");
      assertThatThrownBy(() -> store.sandbox("broken"))
          .isInstanceOf(CorruptedSandboxException.class)
          .hasMessageContaining("'broken'");
      assertThat(store.sandbox("good-2")).isPresent();

      store.deleteSandbox("broken");

      assertThat(store.sandboxes()).extracting(Sandbox::name).containsExactly("good-1", "good-2");
    }
  }

  @Test
  void rejectsARowThatFailsTheModelsValidation() throws Exception {
    Path db = dir.resolve("state.db");
    try (StateStore store = new StateStore(db)) {
      store.putSandbox(sandbox("valid"));
    }
    String json = rawJson("state.db", "valid").replace("\"pr-42.k_7\"", "\"bad key!\"");
    execute(db, "UPDATE sandboxes SET json = '" + json + "'");

    try (StateStore store = new StateStore(db)) {
      assertThatThrownBy(() -> store.sandbox("valid"))
          .isInstanceOf(CorruptedSandboxException.class)
          .hasMessageContaining("'valid'")
          .hasMessageContaining("routing key");
    }
  }

  @Test
  void refusesADatabaseFromANewerVersion() throws Exception {
    Path db = dir.resolve("state.db");
    new StateStore(db).close();
    execute(db, "PRAGMA user_version = " + (StateStore.SCHEMA_VERSION + 1));

    assertThatThrownBy(() -> new StateStore(db))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(db.toAbsolutePath().toString())
        .hasMessageContaining("newer Prooflane");
  }

  @Test
  void explainsAFileThatIsNotADatabase() throws Exception {
    Path db = dir.resolve("state.db");
    Files.writeString(db, "this is not sqlite, just some text that is long enough".repeat(20));

    assertThatThrownBy(() -> new StateStore(db))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(db.toAbsolutePath().toString())
        .hasMessageContaining("move it away");
  }

  @Test
  void usesWalMode() throws Exception {
    Path db = dir.resolve("state.db");
    new StateStore(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        var rows = s.executeQuery("PRAGMA journal_mode")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void failsClearlyAfterClose() {
    StateStore store = new StateStore(dir.resolve("state.db"));
    store.close();
    store.close();

    assertThatThrownBy(() -> store.sandbox("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private String rawJson(String file, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
        Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT json FROM sandboxes WHERE name = '" + name + "'")) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private static void execute(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
