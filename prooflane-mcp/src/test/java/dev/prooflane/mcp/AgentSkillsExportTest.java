package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.mcp.agentskills.AgentSkillsExport;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSkillsExportTest {
  @TempDir Path dir;

  @Test
  void withoutACatalogWritesTheLoopSkillAndAgentsMd() throws Exception {
    AgentSkillsExport.write(dir, null);
    assertThat(SkillFiles.checkAll(dir)).containsExactly("prooflane-validate");
    String loop = Files.readString(dir.resolve("prooflane-validate/SKILL.md"));
    assertThat(loop)
        .contains("INCONCLUSIVE")
        .contains("not exercised")
        .contains("Never claim that a change works without a PASS verdict")
        .contains("Never mutate the baseline")
        .contains("`delete_sandbox`")
        .contains("`validate` with `forks`");
    assertThat(SkillFiles.toolNames(loop))
        .contains("create_sandbox", "run_skill", "get_hops", "get_logs");
    assertThat(Files.readString(dir.resolve("AGENTS.md")))
        .contains("prooflane up -f prooflane.yaml --detach");
  }

  @Test
  void writesOneSkillPerCatalogSkill() throws Exception {
    JsonNode skills =
        Json.mapper()
            .readTree(
                """
                {"skills":[{"name":"product-contract","version":"1",
                  "description":"The product API answers 200 with a well-formed product.",
                  "whenToUse":"After changing pricing, catalog or frontend.",
                  "inputs":[{"name":"productId","type":"integer","required":false,"default":1,
                             "description":"the product to fetch (1 to 5)"}]},
                 {"name":"shop-smoke","version":"1","description":"Smoke test.",
                  "whenToUse":"As a quick smoke test.","inputs":[]}]}
                """);
    AgentSkillsExport.write(dir, skills);
    assertThat(SkillFiles.checkAll(dir))
        .containsExactly(
            "prooflane-skill-product-contract", "prooflane-skill-shop-smoke", "prooflane-validate");
    String skill = Files.readString(dir.resolve("prooflane-skill-product-contract/SKILL.md"));
    assertThat(skill)
        .contains("| `productId` | integer | 1 | the product to fetch (1 to 5) |")
        .contains(
            "`run_skill` with `{\"skill\": \"product-contract\", \"sandbox\": \"<your sandbox>\","
                + " \"inputs\": {\"productId\": 1}}`");
    assertThat(
            SkillFiles.frontMatter(dir.resolve("prooflane-skill-product-contract/SKILL.md"))
                .path("description")
                .asText())
        .isEqualTo(
            "Prooflane skill product-contract: The product API answers 200 with a well-formed"
                + " product. Use after changing pricing, catalog or frontend.");
    assertThat(Files.readString(dir.resolve("AGENTS.md")))
        .contains("- `shop-smoke`: As a quick smoke test.");
  }
}
