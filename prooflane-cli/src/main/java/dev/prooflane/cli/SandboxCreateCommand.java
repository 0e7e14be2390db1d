package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.spec.CommandLine;
import dev.prooflane.server.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates a sandbox that forks some services with a change. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a sandbox: start only the forked services with the change, then route the key to them.",
      "Example: prooflane sandbox create pr-42 --fork 'pricing=java -cp shop.jar ...PricingDiscountMain' --ttl 30m"
    })
final class SandboxCreateCommand implements Callable<Integer> {
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..1",
      description = "Sandbox name (lowercase letters, digits, '-').")
  String name;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description =
          "Read the sandbox from a YAML/JSON file (see docs/sandboxes.md) instead of options.")
  Path file;

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
      description = "Replace ${artifact} in a fork's command.")
  List<String> artifacts = new ArrayList<>();

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "Delete the sandbox after this long (such as 30m, 2h).")
  String ttl;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "Routing key to use (default: a generated one).")
  String key;

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label.")
  List<String> labels = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String body =
        file != null ? Files.readString(file, StandardCharsets.UTF_8) : Json.write(request());
    long started = System.nanoTime();
    JsonNode result =
        state
            .client()
            .postStreaming(
                "/sandboxes",
                body,
                line -> {
                  if (!output.json) {
                    System.out.println(line);
                  }
                });
    JsonNode sandbox = result.path("sandbox");
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (output.json) {
      System.out.println(Json.pretty(sandbox));
      return ExitCode.OK;
    }
    System.out.print(SandboxCommand.describe(sandbox));
    System.out.println("ready in " + millis + " ms. Send the key with any request, for example:");
    System.out.println(
        "  curl -H 'baggage: prooflane-key="
            + sandbox.path("routingKey").asText()
            + "' <service URL from 'prooflane status'>");
    return ExitCode.OK;
  }

  private Map<String, Object> request() {
    if (name == null) {
      throw new CliException(
          ExitCode.USAGE, "missing NAME (or give the sandbox as a file with -f)");
    }
    if (forks.isEmpty()) {
      throw new CliException(
          ExitCode.USAGE, "no --fork given (say which service to fork: --fork SERVICE[=COMMAND])");
    }
    Map<String, Map<String, Object>> byService = new LinkedHashMap<>();
    for (String fork : forks) {
      int eq = fork.indexOf('=');
      String service = eq < 0 ? fork : fork.substring(0, eq);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("service", service);
      if (eq >= 0) {
        f.put("command", CommandLine.split(fork.substring(eq + 1)));
      }
      f.put("env", new LinkedHashMap<String, String>());
      f.put("args", new ArrayList<String>());
      byService.put(service, f);
    }
    for (String e : env) {
      String[] target = target(e, byService, "--env");
      int eq = target[1].indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCode.USAGE, "--env " + e + ": expected [SERVICE:]NAME=VALUE");
      }
      @SuppressWarnings("unchecked")
      Map<String, String> vars = (Map<String, String>) byService.get(target[0]).get("env");
      vars.put(target[1].substring(0, eq), target[1].substring(eq + 1));
    }
    for (String a : args) {
      String[] target = target(a, byService, "--arg");
      @SuppressWarnings("unchecked")
      List<String> list = (List<String>) byService.get(target[0]).get("args");
      list.add(target[1]);
    }
    for (String a : artifacts) {
      int eq = a.indexOf('=');
      if (eq <= 0 || !byService.containsKey(a.substring(0, eq))) {
        throw new CliException(
            ExitCode.USAGE, "--artifact " + a + ": expected SERVICE=PATH for a forked SERVICE");
      }
      byService.get(a.substring(0, eq)).put("artifact", a.substring(eq + 1));
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("name", name);
    if (key != null) {
      request.put("routingKey", key);
    }
    if (ttl != null) {
      request.put("ttl", ttl);
    }
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCode.USAGE, "--label " + l + ": expected NAME=VALUE");
      }
      labelMap.put(l.substring(0, eq), l.substring(eq + 1));
    }
    request.put("labels", labelMap);
    request.put("forks", new ArrayList<>(byService.values()));
    return request;
  }

  /** Splits {@code [SERVICE:]REST}, defaulting SERVICE to the only fork. */
  private static String[] target(
      String value, Map<String, Map<String, Object>> forks, String option) {
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
