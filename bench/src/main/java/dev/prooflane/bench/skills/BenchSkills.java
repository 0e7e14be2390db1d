package dev.prooflane.bench.skills;

import dev.prooflane.model.Fork;
import dev.prooflane.model.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The skills the benchmark writes for itself, and the sandbox it creates (pricing forked). */
final class BenchSkills {
  private BenchSkills() {}

  /**
   * Writes {@code bench-checks} (one http step to frontend and {@code checks} check steps), {@code
   * bench-one} (the http step alone) and {@code bench-http} ({@code httpSteps} http steps to
   * pricing) into {@code dir}.
   */
  static Path write(Path dir, int checks, int httpSteps) throws IOException {
    Files.createDirectories(dir);
    String head =
        "version: 1\ndescription: benchmark skill\nwhenToUse: never; bench/skills.sh only\nsteps:\n";
    String product =
        "  - id: product\n    action: http\n    with:\n      service: frontend\n"
            + "      path: /products/1\n      expectStatus: 200\n";
    StringBuilder checksSkill = new StringBuilder("name: bench-checks\n" + head + product);
    for (int i = 0; i < checks; i++) {
      checksSkill.append(
          "  - id: c"
              + i
              + "\n    action: check\n    with:\n      that: ${{ steps.product.outputs.body.price > 0 }}\n"
              + "      message: the price is positive\n");
    }
    StringBuilder httpSkill = new StringBuilder("name: bench-http\n" + head);
    for (int i = 0; i < httpSteps; i++) {
      httpSkill.append(
          "  - id: h"
              + i
              + "\n    action: http\n    with:\n      service: pricing\n      path: /prices/1\n"
              + "      expectStatus: 200\n");
    }
    Files.writeString(dir.resolve("bench-checks.yaml"), checksSkill);
    Files.writeString(dir.resolve("bench-one.yaml"), "name: bench-one\n" + head + product);
    Files.writeString(dir.resolve("bench-http.yaml"), httpSkill);
    return dir;
  }

  /** Sandbox {@code name} forking pricing with {@code command}, for 30 minutes. */
  static SandboxSpec sandbox(String name, List<String> command) {
    return new SandboxSpec(
        name,
        Optional.empty(),
        Optional.of(Duration.ofMinutes(30)),
        Map.of("bench", "skills"),
        List.of(
            new Fork(
                "pricing",
                Optional.of(command),
                List.of(),
                Map.of(),
                List.of(),
                Optional.empty())));
  }
}
