package dev.prooflane.cli;

import dev.prooflane.model.spec.CommandLine;
import dev.prooflane.server.json.ForkRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say which services a sandbox forks and what each fork changes. */
final class ForkMixin {
  @Option(
      names = "--fork",
      paramLabel = "SERVICE[=COMMAND]",
      description = "Fork SERVICE; with =COMMAND, run that command instead of the baseline's.")
  List<String> forks = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "[SERVICE:]NAME=VALUE",
      description =
          "Set an env variable in a fork (SERVICE: may be left out when one service is forked).")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--arg",
      paramLabel = "[SERVICE:]ARG",
      description = "Append an argument to a fork's command.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--artifact",
      paramLabel = "SERVICE=PATH",
      description = "Replace $${artifact} in a fork's command.")
  List<String> artifacts = new ArrayList<>();

  /** The forks as the API takes them. */
  List<ForkRequest> forks() {
    if (forks.isEmpty()) {
      throw new CliException(
          ExitCode.USAGE, "no --fork given (say which service to fork: --fork SERVICE[=COMMAND])");
    }
    Map<String, Fork> byService = new LinkedHashMap<>();
    for (String fork : forks) {
      int eq = fork.indexOf('=');
      String service = eq < 0 ? fork : fork.substring(0, eq);
      byService.put(service, new Fork(eq < 0 ? null : CommandLine.split(fork.substring(eq + 1))));
    }
    for (String e : env) {
      String[] target = target(e, byService, "--env");
      int eq = target[1].indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCode.USAGE, "--env " + e + ": expected [SERVICE:]NAME=VALUE");
      }
      byService.get(target[0]).env.put(target[1].substring(0, eq), target[1].substring(eq + 1));
    }
    for (String a : args) {
      String[] target = target(a, byService, "--arg");
      byService.get(target[0]).args.add(target[1]);
    }
    for (String a : artifacts) {
      int eq = a.indexOf('=');
      if (eq <= 0 || !byService.containsKey(a.substring(0, eq))) {
        throw new CliException(
            ExitCode.USAGE, "--artifact " + a + ": expected SERVICE=PATH for a forked SERVICE");
      }
      byService.get(a.substring(0, eq)).artifact = a.substring(eq + 1);
    }
    List<ForkRequest> out = new ArrayList<>();
    byService.forEach(
        (service, f) ->
            out.add(new ForkRequest(service, f.command, f.args, f.env, null, f.artifact)));
    return out;
  }

  /** One fork while the options are read. */
  private static final class Fork {
    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private String artifact;

    Fork(List<String> command) {
      this.command = command;
    }
  }

  /** Splits {@code [SERVICE:]REST}, defaulting SERVICE to the only fork. */
  private static String[] target(String value, Map<String, Fork> forks, String option) {
    int colon = value.indexOf(':');
    int eq = value.indexOf('=');
    if (colon > 0 && (eq < 0 || colon < eq) && forks.containsKey(value.substring(0, colon))) {
      return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }
    if (forks.size() != 1) {
      throw new CliException(
          ExitCode.USAGE,
          option
              + " "
              + value
              + ": several services are forked; prefix the service (such as pricing:"
              + value
              + ")");
    }
    return new String[] {forks.keySet().iterator().next(), value};
  }
}
