package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI token ({@code sandbox:write}) forks with the environment's command and its own artifact, but
 * cannot make a fork run a command of its own; the admin token can. A real daemon running the demo
 * shop, the CLI as a process.
 */
class ExecScopeIT {
  private static final String DISCOUNT =
      "pricing=java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp ${artifact}"
          + " dev.prooflane.examples.shop.pricing.PricingDiscountMain";

  @TempDir Path dir;

  private CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.inState(dir, args);
  }

  @AfterEach
  void down() throws Exception {
    cli("down");
  }

  @Test
  void aWriteTokenForksWithTheEnvironmentsCommandOnlyAndTheAdminTokenRunsItsOwn() throws Exception {
    CliProcess.Result up =
        cli("up", "--detach", "--api-port", "0", "-f", CliProcess.SYNC_SHOP.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    CliProcess.Result token =
        cli(
            "token",
            "create",
            "ci",
            "--scope",
            "sandbox:write",
            "--scope",
            "sandbox:read",
            "--scope",
            "skill:run",
            "--json");
    assertThat(token.exitCode()).as(token.err()).isZero();
    String ci = token.json().path("token").asText();

    CliProcess.Result own = cli("sandbox", "create", "pr-1", "--fork", DISCOUNT, "--token", ci);
    assertThat(own.exitCode()).as(own.out() + own.err()).isEqualTo(3);
    assertThat(own.err())
        .contains(
            "refused by policy forks.exec: forks[0].command: running a command of your own needs"
                + " scope sandbox:exec, which token 'ci' lacks");
    CliProcess.Result validate =
        cli("validate", "--skill", "product-contract", "--fork", DISCOUNT, "--token", ci);
    assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(3);
    assertThat(validate.err()).contains("refused by policy forks.exec");

    CliProcess.Result artifact =
        cli(
            "sandbox",
            "create",
            "pr-2",
            "--fork",
            "pricing",
            "--artifact",
            "pricing=target/shop.jar",
            "--token",
            ci);
    assertThat(artifact.exitCode()).as(artifact.out() + artifact.err()).isZero();
    CliProcess.Result outside =
        cli(
            "sandbox",
            "create",
            "pr-3",
            "--fork",
            "pricing",
            "--artifact",
            "pricing=" + dir.resolve("evil.jar"),
            "--token",
            ci);
    assertThat(outside.exitCode()).isEqualTo(3);
    assertThat(outside.err()).contains("refused by policy forks.artifacts: forks[0].artifact:");

    CliProcess.Result admin = cli("sandbox", "create", "pr-4", "--fork", DISCOUNT);
    assertThat(admin.exitCode()).as(admin.out() + admin.err()).isZero();
    CliProcess.Result audit = cli("audit", "tail", "-n", "50");
    assertThat(audit.out())
        .contains("\"rule\":\"forks.exec\"")
        .contains("\"rule\":\"forks.artifacts\"")
        .containsPattern("\"commands\":\\{\"pricing\":\\[\"java\",[^]]*PricingDiscountMain\"]");
  }
}
