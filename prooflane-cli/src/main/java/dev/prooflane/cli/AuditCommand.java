package dev.prooflane.cli;

import dev.prooflane.local.StateFolder;
import dev.prooflane.server.audit.AuditCheck;
import dev.prooflane.server.audit.AuditVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reads the daemon's audit log: checks its hash chain, or prints its last records. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Check or read the daemon's append-only audit log (<state-dir>/audit.jsonl).",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
final class AuditCommand {
  private AuditCommand() {}

  static Path log(StateMixin state) {
    Path dir = state.stateDir();
    if (!Files.exists(StateFolder.of(dir).audit())) {
      throw new CliException(
          ExitCode.STATE,
          "no audit log at "
              + StateFolder.of(dir).audit()
              + " (the daemon writes it; pass --state-dir of the daemon)");
    }
    return dir;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check every record's hash, the chain of prev hashes, the seq order and audit.head.",
        "Exit code: 0 intact, 1 edited, deleted, reordered or truncated (the first broken record"
            + " is named)."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = log(state);
      AuditCheck check = AuditVerifier.verify(dir);
      if (check.ok()) {
        out.println(
            "OK: "
                + StateFolder.of(dir).audit()
                + ": "
                + check.records()
                + " records, chain intact (last seq "
                + check.lastSeq()
                + ")");
        return ExitCode.OK;
      }
      out.println(
          "BROKEN: "
              + StateFolder.of(dir).audit()
              + ":"
              + check.line()
              + ": record seq "
              + check.seq()
              + ": "
              + check.problem()
              + " ("
              + check.records()
              + " records intact before it)");
      return ExitCode.FAILED;
    }
  }

  @Command(
      name = "tail",
      mixinStandardHelpOptions = true,
      description = "Print the last records of the audit log, one JSON object per line.")
  static final class Tail implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;

    @Option(
        names = {"-n", "--lines"},
        defaultValue = "20",
        description = "How many records (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (lines < 1) {
        throw new CliException(ExitCode.USAGE, "-n: " + lines + " (expected: > 0)");
      }
      AuditVerifier.tail(log(state), lines).forEach(out::println);
      return ExitCode.OK;
    }
  }
}
