package dev.prooflane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.local.process.Ports;
import dev.prooflane.local.process.ProcessRegistry;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.local.process.RegisteredProcess;
import dev.prooflane.model.DatabaseInit;
import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.PostgresSection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server of a {@code postgres:} section and the baseline's databases: the real one.
 */
@ExtendWith(SharedPostgres.class)
class PostgresServerIT {
  @TempDir Path dir;

  private final ProcessSupervisor supervisor = new ProcessSupervisor(new NoRegistry());
  private final List<String> progress = new ArrayList<>();

  @AfterEach
  void stop() {
    supervisor.close();
  }

  private Path sql(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void keepsItsDataAcrossRestartsEvenAfterAKilledDaemonAndInitialisesADatabaseOnce()
      throws Exception {
    Path folder = dir.resolve("postgres");
    DatabaseSection orders =
        new DatabaseSection(
            "orders",
            new DatabaseInit.SqlFiles(
                List.of(
                    sql("schema.sql", "create table orders (id int primary key, item text);\n"),
                    sql("seed.sql", "insert into orders values (1, 'book');\n"))));

    long first;
    long began = System.nanoTime();
    try (PostgresServer server =
        PostgresServer.start(PostgresSection.started(), folder, progress::add)) {
      first = System.nanoTime() - began;
      assertThat(server.ensureDatabases(List.of(orders), dir, supervisor))
          .containsExactly("orders");
      Sql.run(server, "orders", "insert into orders values (2, 'pen')");
    }
    began = System.nanoTime();
    try (PostgresServer server =
        PostgresServer.start(PostgresSection.started(), folder, progress::add)) {
      long again = System.nanoTime() - began;
      System.out.printf(
          "postgres: first start (initdb) %d ms, restart %d ms%n",
          first / 1_000_000, again / 1_000_000);
      assertThat(server.ensureDatabases(List.of(orders), dir, supervisor))
          .as("created at the first start only")
          .isEmpty();
      assertThat(server.pid().flatMap(ProcessHandle::of))
          .hasValueSatisfying(p -> assertThat(p.info().command().orElse("")).endsWith("/postgres"));
      assertThat(server.url("orders").url())
          .startsWith("postgresql://postgres:")
          .endsWith("@127.0.0.1:" + server.admin().port() + "/orders");
    }
    long stale = leaveRunning(folder);
    try (PostgresServer server =
        PostgresServer.start(PostgresSection.started(), folder, progress::add)) {
      assertThat(ProcessHandle.of(stale).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(Sql.column(server, "orders", "select item from orders order by id"))
          .containsExactly("book", "pen");
    } finally {
      ProcessHandle.of(stale).ifPresent(ProcessHandle::destroyForcibly);
    }
    assertThat(progress).anyMatch(line -> line.contains("first start"));
    assertThat(progress)
        .anyMatch(line -> line.contains("left running") && line.contains("pid " + stale));
    assertThat(Files.readString(folder.resolve("password")).trim()).hasSize(36);
  }

  /**
   * Starts a server on {@code folder}'s data that no {@link PostgresServer} knows, as a daemon
   * killed with SIGKILL leaves it (started as zonky starts one: PostgreSQL refuses root, so as root
   * in a user namespace); returns its pid.
   */
  private long leaveRunning(Path folder) throws Exception {
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(
        List.of(
            zonkyBinary("pg_ctl").toString(),
            "-D",
            folder.resolve("data").toString(),
            "-o",
            "-p "
                + Ports.freePort()
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            "-w",
            "start"));
    Process left =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("left.log").toFile())
            .start();
    assertThat(left.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(left.exitValue()).as(Files.readString(dir.resolve("left.log"))).isZero();
    long pid =
        Long.parseLong(Files.readAllLines(folder.resolve("data/postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    return pid;
  }

  /** A program of the PostgreSQL binaries that zonky unpacked (in java.io.tmpdir/embedded-pg). */
  private static Path zonkyBinary(String name) throws IOException {
    Path unpacked = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
    try (var dirs = Files.list(unpacked)) {
      return dirs.map(d -> d.resolve("bin").resolve(name))
          .filter(Files::isExecutable)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + name + " under " + unpacked));
    }
  }

  @Test
  void asksForThePasswordOnItsPort(PostgresServer server) {
    SQLException e =
        catchThrowableOfType(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                        server.admin().jdbcUrl(), "postgres", "not-the-password")
                    .close());

    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(server.admin().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void aFailingStatementNamesItsFileAndLineAndTheNextEnsureTriesAgain(PostgresServer server)
      throws Exception {
    Path schema =
        sql("stock.sql", "create table stock (sku text);\n\ninsert into stok\n  values ('a');\n");
    DatabaseSection stock =
        new DatabaseSection("stock", new DatabaseInit.SqlFiles(List.of(schema)));

    PostgresException e =
        catchThrowableOfType(
            PostgresException.class, () -> server.ensureDatabases(List.of(stock), dir, supervisor));

    assertThat(e.getMessage())
        .contains("databases.stock.init: " + schema + ":3: ")
        .contains("relation \"stok\" does not exist");
    assertThat(Sql.databases(server)).doesNotContain("stock");

    Files.writeString(schema, "create table stock (sku text);\ninsert into stock values ('a');\n");
    assertThat(server.ensureDatabases(List.of(stock), dir, supervisor)).containsExactly("stock");
    assertThat(Sql.column(server, "stock", "select sku from stock")).containsExactly("a");
  }

  @Test
  void aBaselineDatabaseLeftRefusingConnectionsTakesThemAgain(PostgresServer server)
      throws Exception {
    DatabaseSection cart = new DatabaseSection("cart", DatabaseInit.NONE);
    server.ensureDatabases(List.of(cart), dir, supervisor);
    Sql.run(server, "postgres", "ALTER DATABASE cart ALLOW_CONNECTIONS false");

    assertThat(server.ensureDatabases(List.of(cart), dir, supervisor)).isEmpty();

    assertThat(Sql.column(server, "cart", "SELECT current_database()")).containsExactly("cart");
  }

  @Test
  void anInitCommandGetsTheDatabaseInItsEnvironment(PostgresServer server) throws Exception {
    DatabaseSection audit =
        new DatabaseSection(
            "audit",
            new DatabaseInit.InitCommand(
                List.of("sh", "-c", "echo \"$PGDATABASE $DATABASE_URL $EXTRA\" > seen.txt"),
                java.util.Map.of("EXTRA", "mine")));

    assertThat(server.ensureDatabases(List.of(audit), dir, supervisor)).containsExactly("audit");

    assertThat(Files.readString(dir.resolve("seen.txt")).trim())
        .isEqualTo("audit " + server.url("audit").url() + " mine");
  }

  @Test
  void anExistingServerIsOnlyConnectedToAndChecked(PostgresServer shared) {
    AdminLogin admin = shared.admin();
    URI url =
        URI.create(
            "postgresql://postgres:"
                + admin.password()
                + "@127.0.0.1:"
                + admin.port()
                + "/postgres");

    try (PostgresServer existing =
        PostgresServer.start(
            new PostgresSection(0, Duration.ofSeconds(5), Optional.of(url)), dir, progress::add)) {
      assertThat(existing.started()).isFalse();
      assertThat(existing.pid()).isEmpty();
      assertThat(existing.admin().port()).isEqualTo(admin.port());
    }
    URI wrong = URI.create("postgresql://postgres:nope@127.0.0.1:" + admin.port() + "/postgres");
    PostgresException e =
        catchThrowableOfType(
            PostgresException.class,
            () ->
                PostgresServer.start(
                    new PostgresSection(0, Duration.ofSeconds(5), Optional.of(wrong)),
                    dir,
                    progress::add));
    assertThat(e.getMessage()).contains("postgres.url: no answer").contains("password");
    assertThat(shared.branches().list()).isNotNull();
  }

  @Test
  void aPortInUseIsNamedAtOnce() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      PostgresException e =
          catchThrowableOfType(
              PostgresException.class,
              () ->
                  PostgresServer.start(
                      new PostgresSection(port, Duration.ofSeconds(30), Optional.empty()),
                      dir.resolve("postgres"),
                      progress::add));

      assertThat(e.getMessage()).contains("postgres.port: " + port).contains("in use");
    }
  }

  @Test
  void aDataFolderOfAnotherVersionIsRefused() throws IOException {
    Path data = Files.createDirectories(dir.resolve("postgres/data"));
    Files.writeString(data.resolve("PG_VERSION"), "14\n");
    Files.writeString(data.resolve("postgresql.conf"), "");
    Files.writeString(dir.resolve("postgres/password"), "x\n");

    PostgresException e =
        catchThrowableOfType(
            PostgresException.class,
            () ->
                PostgresServer.start(
                    PostgresSection.started(), dir.resolve("postgres"), progress::add));

    assertThat(e.getMessage()).contains("PostgreSQL 14").contains("runs PostgreSQL 17");
  }

  /** The supervisor's registry, unused: nothing outlives these tests. */
  private static final class NoRegistry implements ProcessRegistry {
    @Override
    public void add(String id, long pid, Instant startedAt) {}

    @Override
    public void remove(long pid) {}

    @Override
    public List<RegisteredProcess> all() {
      return List.of();
    }
  }
}
