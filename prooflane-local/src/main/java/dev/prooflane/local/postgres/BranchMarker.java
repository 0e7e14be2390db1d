package dev.prooflane.local.postgres;

import dev.prooflane.model.BranchMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The comment on a branch's database ({@code COMMENT ON DATABASE}) that marks it as a branch, with
 * what {@link Branches#list()} needs to describe it after a restart: {@code prooflane-branch
 * source=orders mode=copy took-ms=120 disconnected=0}.
 */
record BranchMarker(String source, BranchMode mode, Duration took, int disconnected) {
  static final String PREFIX = "prooflane-branch ";

  String text() {
    return PREFIX
        + "source="
        + source
        + " mode="
        + mode.yamlName()
        + " took-ms="
        + took.toMillis()
        + " disconnected="
        + disconnected;
  }

  /** The marker in a database's comment, or empty when the database is not a branch. */
  static Optional<BranchMarker> parse(String comment) {
    if (comment == null || !comment.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    for (String word : comment.substring(PREFIX.length()).trim().split(" +")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        fields.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    BranchMode mode = BranchMode.fromYaml(fields.getOrDefault("mode", ""));
    String source = fields.get("source");
    if (mode == null || source == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BranchMarker(
            source,
            mode,
            Duration.ofMillis(number(fields.get("took-ms"))),
            (int) number(fields.get("disconnected"))));
  }

  private static long number(String text) {
    try {
      return text == null ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
