package dev.prooflane.actions.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.report.Reports;
import dev.prooflane.actions.report.SigningKeys;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.SkillRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports name a skill's file relative to the environment's folder, never absolutely. */
class SkillCatalogReportPathTest {
  @TempDir Path environment;
  @TempDir Path elsewhere;

  @Test
  void namesASkillOfTheEnvironmentRelativeToItsFolder() throws Exception {
    Path skills = Files.createDirectories(environment.resolve("skills"));
    write(skills, "inside");

    SkillCatalog catalog = load(List.of(skills));

    assertThat(catalog.reportPath("inside")).isEqualTo("skills/inside.yaml");
  }

  @Test
  void namesASkillOutsideTheEnvironmentByItsSkillFolder() throws Exception {
    Path extra = Files.createDirectories(elsewhere.resolve("ci-skills"));
    write(extra, "outside");
    write(environment, "beside");

    SkillCatalog catalog = load(List.of(environment, extra));

    assertThat(catalog.reportPath("outside")).isEqualTo("skill-dir:ci-skills/outside.yaml");
    assertThat(catalog.reportPath("beside")).isEqualTo("beside.yaml");
    assertThat(catalog.all())
        .allSatisfy(
            s -> assertThat(catalog.reportPath(s.name())).doesNotContain(elsewhere.toString()));
  }

  @Test
  void namesASkillRelativeToTheEnvironmentEvenThroughDotDot() throws Exception {
    Path skills = Files.createDirectories(environment.resolve("skills"));
    write(skills, "roundabout");

    SkillCatalog catalog = load(List.of(environment.resolve("skills/../skills")));

    assertThat(catalog.reportPath("roundabout")).isEqualTo("skills/roundabout.yaml");
  }

  @Test
  void theRunAndItsSignedReportNameTheSkillFileAndStepsRelatively() throws Exception {
    Path skills = Files.createDirectories(environment.resolve("skills"));
    write(skills, "inside");
    RunResult run;
    try (LoopbackEnvironment env = new LoopbackEnvironment()) {
      run = SkillRuns.run(env, load(List.of(skills)), "inside", null, Map.of());
    }

    Path out = Reports.write(run, elsewhere.resolve("report"), SigningKeys.generate()).json();

    assertThat(run.skill().file()).isEqualTo("skills/inside.yaml");
    JsonNode statement = new ObjectMapper().readTree(out.resolveSibling("statement.json").toFile());
    assertThat(statement.at("/predicate/configuration/0/name").asText())
        .isEqualTo("skills/inside.yaml");
    assertThat(statement.at("/predicate/prooflane/skill/file").asText())
        .isEqualTo("skills/inside.yaml");
    assertThat(statement.at("/predicate/prooflane/steps/0/location").asText())
        .startsWith("skills/inside.yaml:");
    assertThat(Files.readString(out.resolveSibling("statement.json")))
        .doesNotContain(environment.toString());
  }

  private SkillCatalog load(List<Path> dirs) {
    return SkillCatalog.load(environment, dirs, ActionCatalog.builtIn().names());
  }

  private static void write(Path dir, String name) throws Exception {
    Files.writeString(
        dir.resolve(name + ".yaml"),
        """
        name: %s
        description: d
        whenToUse: w
        steps:
          - id: only
            action: check
            with: { that: "${{ true }}" }
        """
            .formatted(name));
  }
}
