package dev.prooflane.actions.sql;

import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.runtime.DatabaseLogin;
import dev.prooflane.runtime.SandboxInfo;
import java.util.Optional;

/**
 * The database a {@code sql} step runs on: the branch of its sandbox, or the baseline's database
 * (read-only). A sandbox without a branch of the database is refused, never quietly the baseline.
 *
 * @param database the name in the environment's {@code databases:}
 * @param sandbox the sandbox whose branch it is, or empty for the baseline
 * @param login where it is; {@link DatabaseLogin#branch()} is true exactly when {@code sandbox} is
 *     present
 */
record SqlTarget(String database, Optional<String> sandbox, DatabaseLogin login) {
  /** The value of {@code sandbox:} that names the baseline. */
  static final String BASELINE = "baseline";

  /**
   * The target of the step: {@code sandbox:} when given, else the run's sandbox, else the baseline.
   *
   * @throws dev.prooflane.actions.core.ActionInputException naming the field and the fix
   */
  static SqlTarget of(ActionInput input, ActionContext context) {
    String database = input.string("database");
    if (database.isBlank()) {
      throw input.error("database", "empty (expected: a name of the environment's databases:)");
    }
    Optional<String> sandbox =
        input
            .optionalString("sandbox")
            .or(() -> context.sandbox().map(SandboxInfo::name))
            .filter(s -> !s.equals(BASELINE));
    if (sandbox.isPresent() && context.runtime().sandbox(sandbox.get()).isEmpty()) {
      throw input.error(
          "sandbox",
          "'"
              + sandbox.get()
              + "' is no sandbox of the environment (expected: a sandbox's name, or baseline)");
    }
    DatabaseLogin login =
        context
            .runtime()
            .database(database, sandbox)
            .orElseThrow(
                () ->
                    input.error(
                        "database",
                        "'"
                            + database
                            + "' is no database of environment '"
                            + context.runtime().environment()
                            + "' (declare it under databases: in prooflane.yaml, with a"
                            + " postgres: section)"));
    if (sandbox.isPresent() && !login.branch()) {
      throw input.error(
          "sandbox",
          "sandbox '"
              + sandbox.get()
              + "' has no branch of database '"
              + database
              + "', so the statement would run on the baseline's database, which sql never does"
              + " in a sandbox's name (create the sandbox with a branch: databases: {"
              + database
              + ": copy}, or --branch "
              + database
              + "; or read the baseline with sandbox: baseline)");
    }
    if (sandbox.isEmpty() && login.branch()) {
      throw new IllegalStateException(
          "the runtime answered a branch (" + login + ") for the baseline of " + database);
    }
    return new SqlTarget(database, sandbox, login);
  }

  /** Whether writes may happen: only on a branch. */
  boolean writable() {
    return login.branch();
  }

  /**
   * {@code database 'orders' (the branch orders__pr_7 of sandbox pr-7)} or {@code database 'orders'
   * (the baseline's)}.
   */
  String describe() {
    return "database '"
        + database
        + "' ("
        + sandbox
            .map(s -> "the branch " + login.name() + " of sandbox " + s)
            .orElse("the baseline's")
        + ")";
  }
}
