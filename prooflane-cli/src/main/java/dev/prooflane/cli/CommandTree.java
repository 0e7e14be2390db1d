package dev.prooflane.cli;

import dev.prooflane.cli.kube.KubeCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code prooflane} command line with the model of only the subcommand it runs built. picocli
 * builds a command's model by reflection over its fields, mixins and subcommands; for the whole
 * tree that was most of every start. The other subcommands are outlines that carry what the usage
 * help lists (name, aliases, description).
 */
final class CommandTree {
  /** Every subcommand of {@code prooflane}, in the order {@code --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          UpCommand.class,
          DownCommand.class,
          StatusCommand.class,
          RestartCommand.class,
          SandboxCommand.class,
          LogsCommand.class,
          HopsCommand.class,
          ProbeCommand.class,
          SkillCommand.class,
          ActionCommand.class,
          ValidateCommand.class,
          VerifyCommand.class,
          AuditCommand.class,
          TokenCommand.class,
          DemoCommand.class,
          McpCommand.class,
          UiCommand.class,
          AgentSkillsCommand.class,
          KubeCommand.class,
          CommandLine.HelpCommand.class);

  private CommandTree() {}

  /**
   * The command line of {@code top} for {@code args}: the subcommand they name (or whose help they
   * ask for) in full, the others as outlines; every subcommand in full when an argument file
   * ({@code @FILE}) may name it. Every command's usage help ends with the exit codes.
   */
  static CommandLine of(Object top, String... args) {
    CommandLine cli = new CommandLine(top);
    boolean argumentFile = Arrays.stream(args).anyMatch(a -> a.startsWith("@"));
    List<String> invoked = invoked(args);
    for (Class<?> type : SUBCOMMANDS) {
      Command command = type.getAnnotation(Command.class);
      if (argumentFile || named(command, invoked)) {
        cli.addSubcommand(type);
      } else {
        cli.addSubcommand(command.name(), outline(command));
      }
    }
    withExitCodes(cli, ExitCode.table());
    return cli;
  }

  /**
   * The subcommands that {@code args} run: the first argument that is not an option ({@code
   * prooflane} has no option that takes a value), and after {@code help} the one it explains.
   */
  static List<String> invoked(String... args) {
    List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("-")).limit(2).toList();
    return words.isEmpty() || !words.get(0).equals("help")
        ? words.stream().limit(1).toList()
        : words;
  }

  private static boolean named(Command command, List<String> words) {
    return words.contains(command.name())
        || Arrays.stream(command.aliases()).anyMatch(words::contains);
  }

  /** A subcommand as {@code --help} of its parent lists it; it is never run. */
  private static CommandLine outline(Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
    spec.usageMessage()
        .description(command.description())
        .header(command.header())
        .hidden(command.hidden());
    return new CommandLine(spec);
  }

  private static void withExitCodes(CommandLine cli, Map<String, String> codes) {
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    for (CommandLine sub : cli.getSubcommands().values()) {
      withExitCodes(sub, codes);
    }
  }
}
