package dev.prooflane.cli;

import dev.prooflane.model.ConflictException;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.SpecException;
import dev.prooflane.server.client.DaemonClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code prooflane} command. */
@Command(
    name = "prooflane",
    mixinStandardHelpOptions = true,
    version = "prooflane 0.1.0",
    description = "Validate a change to one service against a shared baseline, in seconds.",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      RestartCommand.class,
      SandboxCommand.class,
      LogsCommand.class,
      HopsCommand.class,
      SkillCommand.class,
      ActionCommand.class,
      ValidateCommand.class,
      VerifyCommand.class,
      AuditCommand.class,
      TokenCommand.class,
      DemoCommand.class,
      McpCommand.class,
      AgentSkillsCommand.class,
      dev.prooflane.cli.kube.KubeCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:validation failed",
      "2:usage or invalid input",
      "3:daemon unreachable or bad state",
      "4:internal error"
    })
public final class Main {
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line, printing to standard output and error, and returns its exit code. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /**
   * Runs the command line in this process, printing to {@code stdout} and {@code stderr} (standard
   * output and error when null), and returns its exit code: every command prints through these.
   */
  public static int run(PrintWriter stdout, PrintWriter stderr, String... args) {
    CommandLine cli = new CommandLine(new Main());
    if (stdout != null) {
      cli.setOut(stdout);
    }
    if (stderr != null) {
      cli.setErr(stderr);
    }
    cli.setExitCodeExceptionMapper(Main::exitCodeOf);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          err.println("prooflane: " + e.getMessage());
          Main main = cli.getCommand();
          if (main.verbose || !(e instanceof ProoflaneException)) {
            e.printStackTrace(err);
          }
          err.flush();
          return exitCodeOf(e);
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("prooflane: " + e.getMessage());
          err.println("(see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
          err.flush();
          return ExitCode.USAGE;
        });
    try {
      return cli.execute(args);
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  private static int exitCodeOf(Throwable e) {
    if (e instanceof CliException c) {
      return c.exitCode();
    }
    if (e instanceof DaemonClientException d) {
      return ExitCode.of(d);
    }
    if (e instanceof SpecException || e instanceof IllegalArgumentException) {
      return ExitCode.USAGE;
    }
    if (e instanceof NotFoundException || e instanceof ConflictException) {
      return ExitCode.STATE;
    }
    if (e instanceof ProoflaneException) {
      return ExitCode.STATE;
    }
    return ExitCode.INTERNAL;
  }
}
