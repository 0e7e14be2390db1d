package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.server.Daemon;
import dev.prooflane.server.EchoEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each verdict's exit code, from every command that reports one (run in this JVM against a real
 * daemon): 0 PASS, 1 FAIL, 5 INCONCLUSIVE, 6 ERROR, never 3, which says the daemon is unreachable
 * or the state forbids the request.
 */
class VerdictExitCodesIT {
  @TempDir static Path dir;
  private static Daemon daemon;

  @BeforeAll
  static void start() throws Exception {
    EchoEnvironment.echoSkill(dir);
    skill("fails", "http", "{service: a, path: /echo, expectStatus: 418}");
    skill("errs", "http", "{service: nope, path: /echo}");
    skill("untouched", "check", "{that: \"${{ 1 == 1 }}\"}"); // asks nothing of a fork
    daemon =
        Daemon.start(EchoEnvironment.single(dir), dir.resolve("state"), "127.0.0.1", 0, l -> {});
  }

  private static void skill(String name, String action, String with) throws Exception {
    Files.writeString(
        dir.resolve("skills/" + name + ".yaml"),
        """
        name: %s
        description: A verdict for the CLI's tests.
        whenToUse: In the CLI's tests.
        steps:
          - id: only
            action: %s
            with: %s
        """
            .formatted(name, action, with));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static CliRun.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--state-dir", dir.resolve("state").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }

  @Test
  void skillRunExitsWithTheVerdictsCode() {
    assertThat(verdictAndCode(cli("skill", "run", "echo"))).isEqualTo("PASS 0");
    assertThat(verdictAndCode(cli("skill", "run", "fails"))).isEqualTo("FAIL 1");
    assertThat(verdictAndCode(cli("skill", "run", "errs"))).isEqualTo("ERROR 6");
    CliRun.Result created = cli("sandbox", "create", "pr-1", "--fork", "a");
    assertThat(created.exitCode()).as(created.err()).isZero();
    try {
      assertThat(verdictAndCode(cli("skill", "run", "untouched", "--sandbox", "pr-1")))
          .isEqualTo("INCONCLUSIVE 5");
    } finally {
      assertThat(cli("sandbox", "delete", "pr-1").exitCode()).isZero();
    }
  }

  @Test
  void validateExitsWithTheCodeOfItsVerdictOverEveryRun() {
    assertThat(validate("echo").exitCode()).isZero();
    assertThat(validate("echo", "fails", "untouched").exitCode()).as("FAIL wins").isEqualTo(1);
    assertThat(validate("echo", "errs", "untouched").exitCode()).as("then ERROR").isEqualTo(6);
    CliRun.Result untouched = validate("untouched");
    assertThat(untouched.exitCode()).as(untouched.out() + untouched.err()).isEqualTo(5);
    assertThat(untouched.out()).contains("verdict INCONCLUSIVE");
  }

  @Test
  void verifyRequirePassExitsWithTheCodeOfTheReportsVerdict() {
    assertThat(verify("echo").exitCode()).isZero();
    assertThat(verify("fails").exitCode()).isEqualTo(1);
    assertThat(verify("errs").exitCode()).isEqualTo(6);
    CliRun.Result created = cli("sandbox", "create", "pr-2", "--fork", "a");
    assertThat(created.exitCode()).as(created.err()).isZero();
    try {
      assertThat(verify("untouched", "--sandbox", "pr-2").exitCode()).isEqualTo(5);
    } finally {
      assertThat(cli("sandbox", "delete", "pr-2").exitCode()).isZero();
    }
    CliRun.Result withoutRequirePass =
        CliRun.run("verify", dir.resolve("reports/errs/report.json").toString());
    assertThat(withoutRequirePass.exitCode()).as("authentic is enough").isZero();
  }

  @Test
  void anUnreachableDaemonIsStillThree() {
    CliRun.Result result =
        CliRun.run("skill", "run", "echo", "--state-dir", dir.resolve("nowhere").toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("prooflane: no daemon is running for");
  }

  @Test
  void helpOfEveryVerdictCommandEndsWithTheTable() {
    for (String[] command :
        List.of(
            new String[] {"skill", "run", "--help"},
            new String[] {"validate", "--help"},
            new String[] {"verify", "--help"},
            new String[] {"kube", "run", "--help"},
            new String[] {"--help"})) {
      CliRun.Result help = CliRun.run(command);
      assertThat(help.exitCode()).isZero();
      assertThat(help.out())
          .as(String.join(" ", command))
          .contains("Exit codes:")
          .containsPattern("\n  3 +daemon or cluster unreachable")
          .containsPattern("\n  5 +the verdict INCONCLUSIVE")
          .containsPattern("\n  6 +the verdict ERROR");
    }
  }

  /** The verdict the run printed last, and the exit code: {@code "PASS 0"}. */
  private static String verdictAndCode(CliRun.Result run) {
    Matcher verdict = Pattern.compile("(?m)^verdict ([A-Z]+)").matcher(run.out());
    String last = null;
    while (verdict.find()) {
      last = verdict.group(1);
    }
    return last == null ? run.out() + run.err() : last + " " + run.exitCode();
  }

  private static CliRun.Result validate(String... skills) {
    List<String> args = new ArrayList<>(List.of("validate", "--fork", "a"));
    for (String skill : skills) {
      args.addAll(List.of("--skill", skill));
    }
    args.addAll(
        List.of("--out", dir.resolve("validations/" + String.join("-", skills)).toString()));
    return cli(args.toArray(String[]::new));
  }

  /**
   * {@code skill run NAME ARGS --out reports/NAME}, then {@code verify --require-pass} its report.
   */
  private static CliRun.Result verify(String skill, String... args) {
    Path out = dir.resolve("reports/" + skill);
    List<String> run = new ArrayList<>(List.of("skill", "run", skill, "--out", out.toString()));
    run.addAll(List.of(args));
    CliRun.Result ran = cli(run.toArray(String[]::new));
    assertThat(out.resolve("report.json")).as(ran.out() + ran.err()).exists();
    return CliRun.run("verify", out.resolve("report.json").toString(), "--require-pass");
  }
}
