package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sandbox's forks may change: the {@code forks:} section of the policy (docs/policy.md).
 * Forking with the environment's own command, with an artifact under {@code artifacts}, the
 * variables {@code env} names and (when {@code args}) extra arguments, is what {@code
 * sandbox:write} allows. Running anything else (a fork {@code command}, an artifact from elsewhere)
 * needs the scope {@code sandbox:exec} and a command that matches {@code commands}; a variable that
 * changes which program runs or what it loads ({@link #LAUNCHER_VARIABLES}) needs {@code
 * sandbox:exec} and its exact name in {@code env}.
 *
 * @param commands the commands a {@code sandbox:exec} caller's forks may run
 * @param artifacts folders a fork's artifact may come from without {@code sandbox:exec}; relative
 *     ones are relative to the environment's folder
 * @param env the variables a fork may set or remove: names, {@code PREFIX*} or {@code *}; a pattern
 *     never matches a launcher variable, only its exact name does
 * @param args whether a fork may append arguments to its command
 */
public record ForkRules(
    List<CommandRule> commands, List<String> artifacts, List<String> env, boolean args) {
  /**
   * Scope-gated defaults: any command for sandbox:exec, artifacts from the environment's folder.
   */
  public static final ForkRules DEFAULT =
      new ForkRules(List.of(CommandRule.ANY), List.of("."), List.of("*"), true);

  /**
   * Environment variables that choose the program that runs or make it load other code: the JVM's
   * option variables, the dynamic linker's, search paths, interpreters' start-up hooks.
   */
  public static final Set<String> LAUNCHER_VARIABLES =
      Set.of(
          "JAVA_TOOL_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "_JAVA_OPTIONS",
          "JAVA_OPTS",
          "JAVA_HOME",
          "CLASSPATH",
          "MAVEN_OPTS",
          "GRADLE_OPTS",
          "CATALINA_OPTS",
          "PATH",
          "NODE_OPTIONS",
          "NODE_PATH",
          "PYTHONPATH",
          "PYTHONHOME",
          "PYTHONSTARTUP",
          "PERL5OPT",
          "PERL5LIB",
          "PERLLIB",
          "RUBYOPT",
          "RUBYLIB",
          "BASH_ENV",
          "ENV",
          "SHELLOPTS",
          "BASHOPTS",
          "PS4",
          "IFS",
          "GCONV_PATH",
          "DOTNET_STARTUP_HOOKS");

  /** Prefixes whose every variable is a launcher variable (dynamic linkers, exported functions). */
  private static final List<String> LAUNCHER_PREFIXES = List.of("LD_", "DYLD_", "BASH_FUNC_");

  public ForkRules {
    commands = List.copyOf(commands);
    artifacts = List.copyOf(artifacts);
    env = List.copyOf(env);
  }

  /** Whether {@code name} changes which program runs or what it loads. */
  public static boolean launcher(String name) {
    return LAUNCHER_VARIABLES.contains(name)
        || LAUNCHER_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /**
   * Admits {@code fork} of a sandbox being created by {@code caller}.
   *
   * @param dir the environment's folder: relative {@code artifacts} and {@code ${dir}} in rules
   * @param exec whether the caller holds {@code sandbox:exec}
   * @param source the policy's file, for the fix
   * @throws PolicyRefusedException naming {@code forks.exec} (the scope is missing), {@code
   *     forks.commands}, {@code forks.artifacts}, {@code forks.env} or {@code forks.args}, the
   *     field and the fix
   */
  public void admit(PlannedFork fork, Path dir, boolean exec, String caller, String source) {
    requireNonNull(fork, "fork");
    requireNonNull(dir, "dir");
    String at = fork.field();
    for (String name : new TreeSet<>(fork.fork().env().keySet())) {
      admitVariable(at + ".env." + name, name, exec, caller, source);
    }
    List<String> removed = fork.fork().envRemove();
    for (int i = 0; i < removed.size(); i++) {
      admitVariable(at + ".envRemove[" + i + "]", removed.get(i), exec, caller, source);
    }
    if (!args && !fork.fork().args().isEmpty()) {
      throw new PolicyRefusedException(
          "forks.args",
          at
              + ".args: forks may not append arguments (forks.args is false in "
              + source
              + "); leave the arguments out, or set forks.args: true");
    }
    boolean ownCommand = fork.fork().command().isPresent();
    Path outside = fork.artifact().filter(a -> !underAllowedFolder(a, dir)).orElse(null);
    if (!ownCommand && outside == null) {
      return;
    }
    String field = ownCommand ? at + ".command" : at + ".artifact";
    if (!exec && ownCommand) {
      throw new PolicyRefusedException(
          "forks.exec",
          field
              + ": running a command of your own needs scope sandbox:exec, which token '"
              + caller
              + "' lacks; leave command out to fork with the environment's command (an artifact"
              + " under forks.artifacts "
              + roots(dir)
              + " may replace ${artifact}), or use a token with sandbox:exec");
    }
    if (!exec) {
      throw new PolicyRefusedException(
          "forks.artifacts",
          field
              + ": "
              + outside
              + " is not under a folder of forks.artifacts "
              + roots(dir)
              + " in "
              + source
              + "; build the artifact into one of them, add its folder to forks.artifacts, or use a"
              + " token with sandbox:exec");
    }
    if (commands.stream().noneMatch(rule -> rule.matches(fork.command(), dir))) {
      throw new PolicyRefusedException(
          "forks.commands",
          field
              + ": the command '"
              + String.join(" ", fork.command())
              + "' matches no rule of forks.commands in "
              + source
              + (commands.isEmpty()
                  ? " (there are none: no fork may run a command of its own)"
                  : " (rules: "
                      + String.join("; ", commands.stream().map(String::valueOf).toList())
                      + ")")
              + "; add a rule for it, or fork with the environment's command");
    }
  }

  private void admitVariable(
      String where, String name, boolean exec, String caller, String source) {
    if (launcher(name)) {
      if (!env.contains(name)) {
        throw new PolicyRefusedException(
            "forks.env",
            where
                + ": "
                + name
                + " changes which program runs or what it loads, so no fork may set or remove it"
                + " unless forks.env in "
                + source
                + " names it exactly (a pattern does not match it); leave it out");
      }
      if (!exec) {
        throw new PolicyRefusedException(
            "forks.exec",
            where
                + ": "
                + name
                + " changes which program runs or what it loads: setting it needs scope"
                + " sandbox:exec, which token '"
                + caller
                + "' lacks; leave it out, or use a token with sandbox:exec");
      }
      return;
    }
    if (env.stream().noneMatch(pattern -> variableMatches(pattern, name))) {
      throw new PolicyRefusedException(
          "forks.env",
          where
              + ": "
              + name
              + " is not in forks.env "
              + env
              + " in "
              + source
              + "; leave it out, or add it to forks.env");
    }
  }

  private static boolean variableMatches(String pattern, String name) {
    return pattern.endsWith("*")
        ? name.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(name);
  }

  private boolean underAllowedFolder(Path artifact, Path dir) {
    return roots(dir).stream().anyMatch(artifact::startsWith);
  }

  private List<Path> roots(Path dir) {
    return artifacts.stream().map(a -> PlannedFork.realPath(dir.resolve(a))).toList();
  }
}
