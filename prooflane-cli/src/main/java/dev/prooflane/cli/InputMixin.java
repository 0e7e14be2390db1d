package dev.prooflane.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --input NAME=VALUE} options of commands that run skills. */
public final class InputMixin {
  @Option(
      names = {"-i", "--input"},
      paramLabel = "NAME=VALUE",
      description =
          "A skill input; VALUE is converted to the input's type (numbers, true/false, JSON).")
  List<String> inputs = new ArrayList<>();

  /** The inputs given, by name. */
  public Map<String, Object> values() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String input : inputs) {
      int eq = input.indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCode.USAGE, "--input " + input + ": expected NAME=VALUE");
      }
      out.put(input.substring(0, eq), input.substring(eq + 1));
    }
    return out;
  }
}
