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

/** The {@code prooflane} command; its subcommands are in {@link CommandTree}. */
@Command(
    name = "prooflane",
    mixinStandardHelpOptions = true,
    version = "prooflane 0.1.0",
    description = "Validate a change to one service against a shared baseline, in seconds.")
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
    CommandLine cli = CommandTree.of(new Main(), args);
    if (stdout != null) {
      cli.setOut(stdout);
    }
    if (stderr != null) {
      cli.setErr(stderr);
    }
    Failures failures = new Failures(cli.getCommand());
    cli.setExitCodeExceptionMapper(failures);
    cli.setExecutionExceptionHandler(failures);
    cli.setParameterExceptionHandler(failures);
    try {
      return cli.execute(args);
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  /**
   * How a failed command line ends: one line (and the stack trace with {@code --verbose}, or for a
   * bug) and its exit code. A class, not lambdas: the start-up archive cannot hold a lambda of a
   * picocli interface (picocli's are Java 5 class files, which the JVM links when it makes the
   * archive's lambdas), and leaving those interfaces out made every start open picocli's jar.
   */
  private static final class Failures
      implements CommandLine.IExitCodeExceptionMapper,
          CommandLine.IExecutionExceptionHandler,
          CommandLine.IParameterExceptionHandler {
    private final Main main;

    Failures(Main main) {
      this.main = main;
    }

    @Override
    public int getExitCode(Throwable e) {
      return exitCodeOf(e);
    }

    @Override
    public int handleExecutionException(
        Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      err.println("prooflane: " + e.getMessage());
      if (main.verbose || !(e instanceof ProoflaneException)) {
        e.printStackTrace(err);
      }
      err.flush();
      return exitCodeOf(e);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("prooflane: " + e.getMessage());
      err.println("(see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      err.flush();
      return ExitCode.USAGE;
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
