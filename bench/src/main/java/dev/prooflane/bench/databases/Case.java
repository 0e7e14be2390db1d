package dev.prooflane.bench.databases;

import dev.prooflane.model.BranchMode;
import java.util.Locale;
import java.util.Optional;

/** One way of making a database from the source: a Prooflane branch mode, or a peer. */
enum Case {
  COPY("copy (Branches.create)", Optional.of(BranchMode.COPY), true, true),
  SCHEMA("schema (Branches.create)", Optional.of(BranchMode.SCHEMA), true, false),
  EMPTY("empty (Branches.create)", Optional.of(BranchMode.EMPTY), false, false),
  DUMP("pg_dump | psql", Optional.empty(), true, true),
  SCHEMA_DUMP("pg_dump --schema-only | psql", Optional.empty(), true, false);

  private final String label;
  private final Optional<BranchMode> mode;
  private final boolean hasSchema;
  private final boolean hasRows;

  Case(String label, Optional<BranchMode> mode, boolean hasSchema, boolean hasRows) {
    this.label = label;
    this.mode = mode;
    this.hasSchema = hasSchema;
    this.hasRows = hasRows;
  }

  String label() {
    return label;
  }

  /** The branch mode measured, or empty for a peer. */
  Optional<BranchMode> mode() {
    return mode;
  }

  /** The name of the database this case makes (dropped after each round). */
  String target() {
    return "bench_" + name().toLowerCase(Locale.ROOT);
  }

  /**
   * What the database made must hold, given the source's: its tables and indexes when this case
   * copies the schema, its rows too when it copies them, nothing otherwise.
   */
  Contents expected(Contents source) {
    if (!hasSchema) {
      return new Contents(0, 0, 0);
    }
    return new Contents(source.tables(), source.indexes(), hasRows ? source.orders() : 0);
  }
}
