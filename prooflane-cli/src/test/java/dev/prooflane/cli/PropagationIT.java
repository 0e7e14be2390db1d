package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo of docs/propagation.md, with the real shop, the real agent and a real daemon: a catalog
 * whose HTTP client drops the key makes the validation of a pricing change INCONCLUSIVE; one line,
 * {@code propagation: opentelemetry-agent} on the catalog, makes the same validation PASS.
 */
class PropagationIT {
  private static final String SHOP = "dev.prooflane.examples.shop.";
  @TempDir Path dir;

  private CliProcess.Result cli(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(dir.resolve("state").toString());
    return CliProcess.run(dir, all.toArray(String[]::new));
  }

  /**
   * The shop's prooflane.yaml, written into this test's folder (its jar and skills where the build
   * has them), with {@code catalogLines} added to the catalog's settings. Health checks get more
   * time than the demo's: a JVM with the agent starts seconds slower on a loaded machine.
   */
  private Path shop(String catalogLines) throws IOException {
    Path shop = CliProcess.SYNC_SHOP.getParent();
    String text =
        Files.readString(CliProcess.SYNC_SHOP)
            .replace("artifact: target/shop.jar", "artifact: " + shop.resolve("target/shop.jar"))
            .replace("timeout: 30s", "timeout: 120s")
            .replace("  catalog:\n", "  catalog:\n" + catalogLines);
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(file, "skills: " + shop.resolve("skills") + "\n" + text);
    return file;
  }

  private CliProcess.Result validate() throws Exception {
    return cli(
        "validate",
        "--fork",
        "catalog=java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp ${artifact} "
            + SHOP
            + "catalog.CatalogDropsKeyMain",
        "--fork",
        "pricing=java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp ${artifact} "
            + SHOP
            + "pricing.PricingDiscountMain",
        "--skill",
        "product-contract",
        "--out",
        dir.resolve("reports").toString());
  }

  @AfterEach
  void down() throws Exception {
    cli("down");
  }

  @Test
  void theDroppingCatalogIsInconclusiveWithoutTheAgentAndPassesWithIt() throws Exception {
    CliProcess.Result up = cli("up", "--detach", "--api-port", "0", "-f", shop("").toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();

    CliProcess.Result without = validate();
    assertThat(without.exitCode()).as(without.out() + without.err()).isEqualTo(5);
    assertThat(without.out()).contains("INCONCLUSIVE").contains("not exercised");

    CliProcess.Result apply =
        cli("up", "-f", shop("    propagation: opentelemetry-agent\n").toString());
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("restart catalog");

    CliProcess.Result with = validate();
    assertThat(with.exitCode()).as(with.out() + with.err()).isZero();
    assertThat(with.out()).contains("PASS").doesNotContain("INCONCLUSIVE");
    Path forkLog = dir.resolve("state/logs");
    assertThat(forkLog.resolve("baseline/catalog.log"))
        .content()
        .contains("opentelemetry-javaagent - version: 2.31.1");
  }
}
