package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The command line with only the invoked subcommand built, and outlines for the others. */
class CommandTreeTest {
  @Test
  void buildsOnlyTheSubcommandTheArgumentsName() {
    CommandLine cli = CommandTree.of(new Main(), "--verbose", "sandbox", "list");

    assertThat(cli.getSubcommands().get("sandbox").getSubcommands())
        .containsKeys("create", "list", "get", "delete");
    assertThat(cli.getSubcommands().get("skill").getSubcommands()).isEmpty();
    assertThat(cli.getSubcommands().get("sandbox").<Object>getCommand())
        .isInstanceOf(SandboxCommand.class);
    assertThat(cli.getSubcommands().get("skill").getCommandSpec().userObject()).isNull();
  }

  @Test
  void helpBuildsItselfAndTheCommandItExplains() {
    assertThat(CommandTree.invoked("help", "sandbox")).containsExactly("help", "sandbox");
    assertThat(CommandTree.invoked("--verbose", "skill", "run", "x")).containsExactly("skill");
    assertThat(CommandTree.invoked("--version")).isEmpty();

    CommandLine cli = CommandTree.of(new Main(), "help", "sandbox");
    assertThat(cli.getSubcommands().get("help").<Object>getCommand())
        .isInstanceOf(CommandLine.HelpCommand.class);
    assertThat(cli.getSubcommands().get("sandbox").getSubcommands()).containsKey("list");
  }

  @Test
  void theUsageHelpOfTheOutlinesIsThatOfTheFullTree() {
    String outlined = CommandTree.of(new Main(), "--help").getUsageMessage(Ansi.OFF);
    // an argument file may name any command: every subcommand is built in full
    String full = CommandTree.of(new Main(), "@args").getUsageMessage(Ansi.OFF);

    assertThat(outlined).isEqualTo(full);
    for (Class<?> type : CommandTree.SUBCOMMANDS) {
      String name = type.getAnnotation(CommandLine.Command.class).name();
      assertThat(outlined).containsPattern("\n  " + name + " ");
    }
    assertThat(outlined).contains("Exit codes:");
  }
}
