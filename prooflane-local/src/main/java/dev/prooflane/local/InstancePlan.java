package dev.prooflane.local;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command and environment one instance (baseline or fork) runs with, placeholders resolved.
 *
 * @param command the resolved command
 * @param env the resolved environment additions
 */
record InstancePlan(List<String> command, Map<String, String> env) {

  /**
   * The plan for the baseline instance of {@code spec}; {@code shared} holds the values of the
   * placeholders of the environment's servers ({@code ${kafka.*}}, {@code ${databases.*}}; see
   * {@link RuntimeValues}).
   */
  static InstancePlan baseline(
      Environment env,
      ServiceSpec spec,
      int port,
      Map<String, Integer> routerPorts,
      Map<String, String> shared) {
    Map<String, String> values =
        values(env, Integer.toString(port), routerPorts, "baseline", spec.artifact(), shared);
    Map<String, String> vars = resolveAll(spec.env(), values);
    vars.put("PROOFLANE_SERVICE", spec.name());
    return new InstancePlan(resolveAll(spec.command(), values), vars);
  }

  /** The plan for {@code fork} of {@code spec} in {@code sandbox}: the baseline's, changed. */
  static InstancePlan fork(
      Environment env,
      ServiceSpec spec,
      Fork fork,
      Sandbox sandbox,
      int port,
      Map<String, Integer> routerPorts,
      Map<String, String> shared) {
    Map<String, String> values =
        forkValues(env, spec, fork, sandbox.name(), port, routerPorts, shared);
    Map<String, String> vars = new LinkedHashMap<>(spec.env());
    fork.envRemove().forEach(vars::remove);
    vars.putAll(fork.env());
    Map<String, String> resolved = resolveAll(vars, values);
    resolved.put("PROOFLANE_SERVICE", spec.name());
    resolved.put("PROOFLANE_SANDBOX", sandbox.name());
    resolved.put("PROOFLANE_ROUTING_KEY", sandbox.routingKey().value());
    return new InstancePlan(resolveAll(words(spec, fork), values), resolved);
  }

  /**
   * The command {@code fork} of {@code spec} would run in sandbox {@code sandbox}, placeholders
   * resolved but {@code ${port}}, which is chosen when it starts, and those that cannot be (left as
   * written: starting the fork reports them).
   */
  static List<String> forkCommand(
      Environment env,
      ServiceSpec spec,
      Fork fork,
      String sandbox,
      Map<String, Integer> routerPorts,
      Map<String, String> shared) {
    Map<String, String> values = forkValues(env, spec, fork, sandbox, 0, routerPorts, shared);
    values.remove("port");
    // what cannot be resolved yet (the port) or at all (a mistake the fork's start reports) stays
    List<String> out = new ArrayList<>();
    for (String word : words(spec, fork)) {
      out.add(Placeholders.resolve(word, name -> values.getOrDefault(name, "${" + name + "}")));
    }
    return out;
  }

  private static List<String> words(ServiceSpec spec, Fork fork) {
    List<String> command = new ArrayList<>(fork.command().orElse(spec.command()));
    command.addAll(fork.args());
    return command;
  }

  private static Map<String, String> forkValues(
      Environment env,
      ServiceSpec spec,
      Fork fork,
      String sandbox,
      int port,
      Map<String, Integer> routerPorts,
      Map<String, String> shared) {
    Optional<String> artifact = fork.artifact().or(spec::artifact);
    return values(env, Integer.toString(port), routerPorts, sandbox, artifact, shared);
  }

  private static Map<String, String> values(
      Environment env,
      String port,
      Map<String, Integer> routerPorts,
      String sandbox,
      Optional<String> artifact,
      Map<String, String> shared) {
    Map<String, String> values = new LinkedHashMap<>(shared);
    values.put("port", port);
    values.put("sandbox", sandbox);
    values.put("dir", env.baseDir().toString());
    artifact.ifPresent(a -> values.put("artifact", a));
    routerPorts.forEach(
        (name, p) -> {
          values.put("services." + name + ".host", "127.0.0.1");
          values.put("services." + name + ".port", Integer.toString(p));
          values.put("services." + name + ".url", "http://127.0.0.1:" + p);
        });
    return values;
  }

  private static List<String> resolveAll(List<String> words, Map<String, String> values) {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(Placeholders.resolve(w, values));
    }
    return out;
  }

  private static Map<String, String> resolveAll(
      Map<String, String> vars, Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    vars.forEach((k, v) -> out.put(k, Placeholders.resolve(v, values)));
    return out;
  }
}
