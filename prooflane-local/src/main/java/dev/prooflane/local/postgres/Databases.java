package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.BranchStatus;
import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.PostgresSection;
import dev.prooflane.model.SandboxSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The databases of a running environment: its PostgreSQL server (started or existing), the
 * baseline's databases, and the branches sandboxes get instead of them (docs/databases.md).
 *
 * <p>A sandbox that asks for a branch of database NAME gets it before its forks start, migrated;
 * every fork of that sandbox sees the branch in {@code ${databases.NAME.*}}, every other instance
 * the baseline's database. The branch is dropped when the sandbox goes (delete, TTL, a failed
 * creation), and a start drops the branches whose sandbox no longer exists.
 */
public final class Databases implements AutoCloseable {
  private final PostgresServer server;
  private final Environment env;
  private final Path logs;
  private final ProcessSupervisor supervisor;

  /** How old a listing of the branches (their sizes) may be when a sandbox's status is shown. */
  static final java.time.Duration LISTING_AGE = java.time.Duration.ofSeconds(2);

  private List<Branch> listing;
  private long listedAt;

  private Databases(
      PostgresServer server, Environment env, Path logs, ProcessSupervisor supervisor) {
    this.server = server;
    this.env = env;
    this.logs = logs;
    this.supervisor = supervisor;
  }

  /**
   * Starts the server of {@code env}'s {@code postgres:} section (or checks the existing one), with
   * its files in {@code folder}, and creates and initialises the baseline's databases it lacks;
   * empty when the environment has no such section.
   *
   * @throws PostgresException naming the cause and the fix; nothing of a failed start keeps running
   */
  public static Optional<Databases> start(
      Environment env, Path folder, ProcessSupervisor supervisor, Consumer<String> progress) {
    requireNonNull(env, "env");
    if (env.postgres().isEmpty()) {
      return Optional.empty();
    }
    PostgresSection section = env.postgres().get();
    PostgresServer server = PostgresServer.start(section, folder, progress);
    try {
      List<String> created = server.ensureDatabases(env.databases(), env.baseDir(), supervisor);
      if (!created.isEmpty()) {
        progress.accept("  postgres: created and initialised " + String.join(", ", created));
      }
      return Optional.of(new Databases(server, env, folder, supervisor));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The server. */
  public PostgresServer server() {
    return server;
  }

  /** The values of the {@code ${databases.NAME.*}} placeholders of the baseline's instances. */
  public Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    for (DatabaseSection database : env.databases()) {
      put(values, database.name(), server.url(database.name()));
    }
    return values;
  }

  /**
   * The values of the {@code ${databases.NAME.*}} placeholders of {@code sandbox}'s forks: the
   * baseline's, each database it branches replaced by its branch.
   */
  public Map<String, String> values(SandboxSpec sandbox) {
    Map<String, String> values = values();
    for (String database : sandbox.databases().keySet()) {
      put(values, database, server.url(Branches.name(database, sandbox.name())));
    }
    return values;
  }

  /**
   * Where {@code database} is for {@code sandbox}: its branch when it has one, else the baseline's
   * database; for the baseline when {@code sandbox} is empty. Empty when the environment has no
   * such database.
   */
  public Optional<DatabaseUrl> url(String database, Optional<SandboxSpec> sandbox) {
    if (env.databases().stream().noneMatch(d -> d.name().equals(database))) {
      return Optional.empty();
    }
    boolean branched = sandbox.map(s -> s.databases().containsKey(database)).orElse(false);
    return Optional.of(
        server.url(branched ? Branches.name(database, sandbox.get().name()) : database));
  }

  /**
   * Makes {@code sandbox}'s branches, in the order of their names, and runs each one's migration;
   * when one fails, drops those made and throws. A branch of the same name left by an earlier try
   * (a daemon killed while it made it) is dropped first.
   *
   * @return the branches made, measured
   * @throws PostgresException with the database's own message, naming the sandbox and database
   */
  public List<BranchStatus> branch(SandboxSpec sandbox, Consumer<String> progress) {
    Branches branches = server.branches();
    Migrations migrations = new Migrations(server.admin(), env.baseDir(), supervisor, logs);
    List<Branch> made = new ArrayList<>();
    try {
      for (Map.Entry<String, BranchRequest> e : sandbox.databases().entrySet()) {
        String database = e.getKey();
        String name = Branches.name(database, sandbox.name());
        branches.drop(name);
        Branch branch = branches.create(database, name, e.getValue().mode());
        made.add(branch);
        migrations.run(
            name,
            e.getValue().migration(env.baseDir()),
            "sandbox " + sandbox.name() + ": databases." + database + ".migrate",
            "the branch is dropped",
            "migrate-" + name + ".log");
        progress.accept(
            "sandbox "
                + sandbox.name()
                + ": "
                + branch.mode().yamlName()
                + " branch "
                + name
                + " of "
                + database
                + " in "
                + branch.took().toMillis()
                + " ms");
      }
      return made.stream().map(Databases::status).toList();
    } catch (RuntimeException failure) {
      for (Branch branch : made) {
        try {
          branches.drop(branch.name());
        } catch (RuntimeException again) {
          failure.addSuppressed(again);
        }
      }
      throw failure;
    } finally {
      changed();
    }
  }

  /**
   * The branches of {@code sandbox} on the server, with their sizes as measured at most {@link
   * #LISTING_AGE} ago: a list of 1,000 sandboxes asks the server once, not once per sandbox.
   */
  public List<BranchStatus> branches(SandboxSpec sandbox) {
    if (sandbox.databases().isEmpty()) {
      return List.of();
    }
    Set<String> names = branchNames(List.of(sandbox));
    return listing().stream().filter(b -> names.contains(b.name())).map(Databases::status).toList();
  }

  private synchronized List<Branch> listing() {
    long now = System.nanoTime();
    if (listing == null || now - listedAt > LISTING_AGE.toNanos()) {
      listing = server.branches().list();
      listedAt = now;
    }
    return listing;
  }

  /** Forgets the last listing of the branches: they changed. */
  private synchronized void changed() {
    listing = null;
  }

  private static BranchStatus status(Branch branch) {
    return new BranchStatus(
        branch.source(),
        branch.name(),
        branch.mode(),
        branch.sizeBytes(),
        branch.took().toMillis());
  }

  /** Drops the branches of {@code sandbox}; those already gone are skipped. */
  public void drop(SandboxSpec sandbox) {
    Branches branches = server.branches();
    for (String name : branchNames(List.of(sandbox))) {
      branches.drop(name);
    }
    changed();
  }

  /**
   * Drops every branch on the server that belongs to none of {@code sandboxes} (a sandbox deleted
   * while the daemon was down, or one whose creation a killed daemon left half-done).
   *
   * @return the names of the branches dropped
   */
  public List<String> dropOrphans(Collection<SandboxSpec> sandboxes) {
    Set<String> kept = branchNames(sandboxes);
    Branches branches = server.branches();
    List<String> dropped = new ArrayList<>();
    for (Branch branch : branches.list()) {
      if (!kept.contains(branch.name()) && branches.drop(branch.name())) {
        dropped.add(branch.name());
      }
    }
    changed();
    return dropped;
  }

  private static Set<String> branchNames(Collection<SandboxSpec> sandboxes) {
    Set<String> names = new HashSet<>();
    for (SandboxSpec sandbox : sandboxes) {
      for (String database : sandbox.databases().keySet()) {
        names.add(Branches.name(database, sandbox.name()));
      }
    }
    return names;
  }

  private static void put(Map<String, String> values, String database, DatabaseUrl url) {
    values.put(Placeholders.database(database, "url"), url.url());
    values.put(
        Placeholders.database(database, "jdbc"),
        url.jdbcUrl()
            + "?user="
            + encode(url.user())
            + (url.password().isEmpty() ? "" : "&password=" + encode(url.password())));
    values.put(Placeholders.database(database, "host"), url.host());
    values.put(Placeholders.database(database, "port"), String.valueOf(url.port()));
    values.put(Placeholders.database(database, "name"), url.name());
    values.put(Placeholders.database(database, "user"), url.user());
    values.put(Placeholders.database(database, "password"), url.password());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The server's state now, for {@code GET /status}. */
  public PostgresStatus status() {
    AdminLogin admin = server.admin();
    String address = DatabaseUrl.hostPart(admin.host()) + ":" + admin.port();
    List<String> databases = env.databases().stream().map(DatabaseSection::name).toList();
    if (!server.started()) {
      return new PostgresStatus(address, "external", 0, databases, branchCount());
    }
    Optional<ProcessHandle> process = server.pid().flatMap(ProcessHandle::of);
    boolean alive = process.map(ProcessHandle::isAlive).orElse(false);
    return new PostgresStatus(
        address,
        alive ? "running" : "exited",
        alive ? process.get().pid() : 0,
        databases,
        alive ? branchCount() : 0);
  }

  private int branchCount() {
    try {
      return server.branches().list().size();
    } catch (PostgresException e) {
      return 0; // the server does not answer: the state says more
    }
  }

  /** Stops the server the daemon started. */
  @Override
  public void close() {
    server.close();
  }
}
