package dev.prooflane.mcp.tools;

import dev.prooflane.model.spec.CommandLine;
import dev.prooflane.server.json.ForkRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code forks} argument of a tool (checked against {@link Shapes#forks()}) as requests. */
final class ForkArguments {
  private ForkArguments() {}

  /**
   * The forks of {@code args}; a command is split like a shell would.
   *
   * @throws ToolFailure for a command with an unterminated quote
   */
  static List<ForkRequest> of(Arguments args) {
    List<ForkRequest> out = new ArrayList<>();
    List<?> forks = args.list("forks");
    for (int i = 0; i < forks.size(); i++) {
      Arguments fork = new Arguments(map(forks.get(i)));
      String where = "forks[" + i + "]";
      out.add(
          new ForkRequest(
              fork.string("service"),
              fork.optionalString("command").map(c -> split(c, where)).orElse(null),
              fork.has("args") ? fork.strings("args") : null,
              fork.has("env") ? fork.stringMap("env") : null,
              fork.has("envRemove") ? fork.strings("envRemove") : null,
              fork.optionalString("artifact").orElse(null)));
    }
    return out;
  }

  private static List<String> split(String command, String where) {
    try {
      return CommandLine.split(command);
    } catch (IllegalArgumentException e) {
      throw new ToolFailure("invalid_input", where + ".command: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
