package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The layout of a daemon's state folder ({@code --state-dir}, {@code $PROOFLANE_HOME} or {@code
 * ./.prooflane}): the one place that names each file and folder in it. Nothing here touches the
 * disk.
 *
 * @param root the folder itself
 */
public record StateFolder(Path root) {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public StateFolder {
    requireNonNull(root, "root");
  }

  /** The state folder at {@code root}. */
  public static StateFolder of(Path root) {
    return new StateFolder(root);
  }

  /** {@code state.db}: the SQLite store of sandbox records and of every process started. */
  public Path stateDb() {
    return root.resolve("state.db");
  }

  /**
   * {@code state.db.backup}: a consistent copy of {@code state.db} taken after its changes, from
   * which a damaged {@code state.db} is recovered.
   */
  public Path stateBackup() {
    return root.resolve("state.db.backup");
  }

  /**
   * {@code state.db.corrupt-<time>}: where a damaged {@code state.db} found at {@code at} is moved
   * (with its {@code -wal} and {@code -shm} files), never deleted.
   */
  public Path corruptStateDb(Instant at) {
    return root.resolve("state.db.corrupt-" + STAMP.format(at));
  }

  /** {@code logs/}: one folder per baseline or sandbox, one file per service. */
  public Path logs() {
    return root.resolve("logs");
  }

  /**
   * {@code drops/}: what the drop detector of the services with {@code propagation:
   * opentelemetry-agent} or {@code detect} reported, one folder per baseline or sandbox.
   */
  public Path drops() {
    return root.resolve("drops");
  }

  /**
   * {@code drops/<destination>/<service>.jsonl}: the drop records (JSON Lines, see
   * docs/propagation.md) of {@code service} in {@code destination} ({@code baseline} or a sandbox
   * name), which its drop detector appends to.
   */
  public Path drops(String destination, String service) {
    return drops().resolve(destination).resolve(service + ".jsonl");
  }

  /**
   * {@code postgres/}: the PostgreSQL server the daemon starts for a {@code postgres:} section (its
   * data, with the baseline's databases and the sandboxes' branches, and its password), kept across
   * restarts.
   */
  public Path postgres() {
    return root.resolve("postgres");
  }

  /**
   * {@code kafka/}: the Kafka broker the daemon starts for a {@code kafka:} section, kept across
   * restarts (its records, consumer offsets and cluster id).
   */
  public Path kafka() {
    return root.resolve("kafka");
  }

  /**
   * {@code kafka/data/}: the broker's {@code log.dirs}, formatted once (KRaft metadata and topics).
   */
  public Path kafkaData() {
    return kafka().resolve("data");
  }

  /** {@code kafka/cluster.id}: the cluster id the data was formatted with, chosen once. */
  public Path kafkaClusterId() {
    return kafka().resolve("cluster.id");
  }

  /** {@code kafka/server.properties}: the broker's configuration, written at each start. */
  public Path kafkaConfig() {
    return kafka().resolve("server.properties");
  }

  /** {@code kafka/log4j2.properties}: the broker's logging configuration (to its output). */
  public Path kafkaLogConfig() {
    return kafka().resolve("log4j2.properties");
  }

  /** {@code kafka/broker.log}: the broker's output, one prefixed line each, as services' logs. */
  public Path kafkaLog() {
    return kafka().resolve("broker.log");
  }

  /** {@code kafka/format.log}: the output of formatting {@code kafka/data/} (its first start). */
  public Path kafkaFormatLog() {
    return kafka().resolve("format.log");
  }

  /** {@code daemon.json}: the running daemon's pid and API URL, by which clients find it. */
  public Path daemonInfo() {
    return root.resolve("daemon.json");
  }

  /** {@code daemon.log}: the output of a daemon started in the background. */
  public Path daemonLog() {
    return root.resolve("daemon.log");
  }

  /** {@code tokens.db}: the API tokens, each secret stored as its SHA-256 only. */
  public Path tokens() {
    return root.resolve("tokens.db");
  }

  /** {@code admin.token}: the admin token (mode 600) local clients send by default. */
  public Path adminToken() {
    return root.resolve("admin.token");
  }

  /** {@code audit.jsonl}: the hash-chained audit log. */
  public Path audit() {
    return root.resolve("audit.jsonl");
  }

  /** {@code audit.head}: the last seq and hash of the audit log, so a cut end is detected. */
  public Path auditHead() {
    return root.resolve("audit.head");
  }

  /** {@code runs/}: one folder per skill run with its signed reports. */
  public Path runs() {
    return root.resolve("runs");
  }

  /** {@code keys/}: the key pair that signs the reports. */
  public Path keys() {
    return root.resolve("keys");
  }

  /** {@code validate/}: one folder per validation the CLI ran, with its reports and summary. */
  public Path validations() {
    return root.resolve("validate");
  }

  /**
   * Every file directly in the folder that the daemon writes once it exists: the databases with
   * SQLite's {@code -wal} and {@code -shm} files, the backup, the audit log and head, the admin
   * token, {@code daemon.json} and {@code daemon.log}.
   */
  public List<Path> writtenFiles() {
    return List.of(
        stateDb(),
        stateDb().resolveSibling("state.db-wal"),
        stateDb().resolveSibling("state.db-shm"),
        stateBackup(),
        tokens(),
        tokens().resolveSibling("tokens.db-journal"),
        audit(),
        auditHead(),
        adminToken(),
        daemonInfo(),
        daemonLog());
  }

  /** Every folder in the folder that the daemon creates files in. */
  public List<Path> writtenFolders() {
    return List.of(logs(), runs(), keys(), validations(), kafka(), postgres());
  }
}
