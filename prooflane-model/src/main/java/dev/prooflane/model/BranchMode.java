package dev.prooflane.model;

import java.util.Locale;

/** What a database branch starts with. */
public enum BranchMode {
  /** A full copy of the source database: schema and rows. */
  COPY,
  /** The source's schema (tables, indexes, views, functions, sequences reset) without its rows. */
  SCHEMA,
  /** A new, empty database. */
  EMPTY;

  /** The name in specs and outputs: {@code copy}, {@code schema}, {@code empty}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code name} in a spec, or null. */
  public static BranchMode fromYaml(String name) {
    for (BranchMode mode : values()) {
      if (mode.yamlName().equals(name)) {
        return mode;
      }
    }
    return null;
  }
}
