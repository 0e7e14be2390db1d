package dev.prooflane.bench.databases;

import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
import dev.prooflane.local.postgres.AdminLogin;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The database branch benchmark: on a PostgreSQL server that {@code bench/databases.sh} started,
 * creates a ~100 MB source database ({@link SourceDatabase}), then times Prooflane's branch engine
 * making a {@code copy}, {@code schema} and {@code empty} branch of it against {@code pg_dump |
 * psql} and {@code pg_dump --schema-only | psql} of the same database ({@link DumpRestore}), {@code
 * ROUNDS} rounds after {@code WARMUP} unmeasured ones, the order of the cases rotating each round
 * ({@link CaseRun}).
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.databases.DatabasesBenchMain PG_BIN HOST PORT,
 * with the password of the server's {@code postgres} user in {@code PGPASSWORD} (pg_dump and psql
 * read it from there too).
 */
public final class DatabasesBenchMain {
  private static final int ROUNDS = Sizes.fromEnv("ROUNDS", 5);
  private static final int WARMUP = Sizes.fromEnvOrZero("WARMUP", 1);
  private static final int ORDERS = Sizes.fromEnv("ORDERS", 500_000);
  private static final String USER = "postgres";

  private DatabasesBenchMain() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "arguments: " + args.length + " (expected: PG_BIN HOST PORT)");
    }
    String password = System.getenv("PGPASSWORD");
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("PGPASSWORD: unset (expected: the postgres user's)");
    }
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    AdminLogin admin = new AdminLogin(host, port, "postgres", USER, password);

    long began = System.nanoTime();
    long size = SourceDatabase.create(admin, ORDERS);
    Contents source = Contents.of(admin, SourceDatabase.NAME);
    System.out.printf(
        "source database %s: %.1f MB (pg_database_size), %s, %,d customers, %,d products;"
            + " made in %.1f s%n",
        SourceDatabase.NAME,
        size / 1e6,
        source,
        SourceDatabase.CUSTOMERS,
        SourceDatabase.PRODUCTS,
        (System.nanoTime() - began) / 1e9);

    CaseRun run = new CaseRun(admin, new DumpRestore(Path.of(args[0]), host, port, USER), source);
    Case[] cases = Case.values();
    Map<Case, Series> ms = new EnumMap<>(Case.class);
    int disconnected = 0;
    for (int round = 0; round < WARMUP + ROUNDS; round++) {
      for (int i = 0; i < cases.length; i++) {
        Case c = cases[(round + i) % cases.length];
        CaseRun.Timed timed = run.run(c);
        if (round >= WARMUP) {
          ms.computeIfAbsent(c, k -> new Series()).add(timed.ms());
          disconnected += timed.disconnected();
        }
      }
    }

    System.out.printf(
        "time to make the database, ms: %d rounds after %d unmeasured, order rotating, a"
            + " CHECKPOINT before each case; branches from the call to its answer, the peers from"
            + " CREATE DATABASE of their empty target to psql's exit; what each made checked"
            + " (untimed), then dropped%n",
        ROUNDS, WARMUP);
    System.out.printf("%-30s %9s %9s %9s%n", "case", "p50", "min", "max");
    for (Case c : cases) {
      Series s = ms.get(c);
      System.out.printf("%-30s %9.0f %9.0f %9.0f%n", c.label(), s.p(50), s.p(0), s.max());
    }
    ratio(ms, Case.COPY, Case.DUMP);
    ratio(ms, Case.SCHEMA, Case.SCHEMA_DUMP);
    System.out.printf("sessions of the source ended for a copy: %d%n", disconnected);
  }

  private static void ratio(Map<Case, Series> ms, Case branch, Case peer) {
    double ratio = ms.get(branch).p(50) / ms.get(peer).p(50);
    System.out.printf(
        "ratio %s / %s (medians): %.3f (the peer takes %.1fx as long)%n",
        branch.label(), peer.label(), ratio, 1 / ratio);
  }
}
