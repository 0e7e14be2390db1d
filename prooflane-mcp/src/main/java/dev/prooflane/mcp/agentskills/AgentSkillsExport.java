package dev.prooflane.mcp.agentskills;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes Agent Skills for coding agents: {@code prooflane-validate/SKILL.md} (the validation loop
 * and its rules), one {@code prooflane-skill-<name>/SKILL.md} per catalog skill, and {@code
 * AGENTS.md} (a snippet for repositories that use Prooflane). Every tool they name exists.
 */
public final class AgentSkillsExport {
  /** The folder of the loop skill. */
  public static final String VALIDATE = "prooflane-validate";

  private static final int MAX_DESCRIPTION = 1024;

  private AgentSkillsExport() {}

  /**
   * Writes the files under {@code dir}; {@code skills} is the daemon's {@code GET /skills} answer,
   * or null when no daemon runs (then only the loop skill and AGENTS.md are written).
   */
  public static List<Path> write(Path dir, JsonNode skills) throws IOException {
    requireNonNull(dir, "dir");
    List<Path> written = new ArrayList<>();
    written.add(file(dir.resolve(VALIDATE).resolve("SKILL.md"), Templates.VALIDATE));
    List<JsonNode> catalog = new ArrayList<>();
    if (skills != null) {
      skills.path("skills").forEach(catalog::add);
    }
    for (JsonNode skill : catalog) {
      String folder = "prooflane-skill-" + skill.path("name").asText();
      written.add(file(dir.resolve(folder).resolve("SKILL.md"), catalogSkill(folder, skill)));
    }
    written.add(file(dir.resolve("AGENTS.md"), agents(catalog)));
    return written;
  }

  static String catalogSkill(String folder, JsonNode skill) {
    String name = skill.path("name").asText();
    String description =
        "Prooflane skill "
            + name
            + ": "
            + skill.path("description").asText()
            + " Use "
            + lowerFirst(skill.path("whenToUse").asText());
    StringBuilder md = new StringBuilder();
    md.append("---\n")
        .append("name: ")
        .append(folder)
        .append('\n')
        .append("description: ")
        .append(Json.write(truncate(description)))
        .append('\n')
        .append("---\n\n")
        .append("# ")
        .append(name)
        .append(" (a Prooflane skill)\n\n")
        .append(skill.path("description").asText())
        .append("\n\n")
        .append("**When to use:** ")
        .append(skill.path("whenToUse").asText())
        .append("\n\n");
    StringBuilder example = new StringBuilder();
    if (skill.path("inputs").isEmpty()) {
      md.append("It takes no inputs.\n\n");
    } else {
      md.append("| input | type | default | meaning |\n|---|---|---|---|\n");
      for (JsonNode i : skill.path("inputs")) {
        md.append("| `")
            .append(i.path("name").asText())
            .append("` | ")
            .append(i.path("type").asText())
            .append(" | ")
            .append(i.path("required").asBoolean() ? "required" : i.path("default").toString())
            .append(" | ")
            .append(i.path("description").asText("").replace("|", "\\|"))
            .append(" |\n");
        if (example.length() > 0) {
          example.append(", ");
        }
        example
            .append(Json.write(i.path("name").asText()))
            .append(": ")
            .append(i.path("default").isNull() ? "..." : i.path("default").toString());
      }
      md.append('\n');
    }
    md.append("## Run it\n\n")
        .append("Against a sandbox that holds your change (see the `")
        .append(VALIDATE)
        .append("` skill for the loop):\n\n")
        .append("- MCP: `run_skill` with `{\"skill\": \"")
        .append(name)
        .append("\", \"sandbox\": \"<your sandbox>\"")
        .append(example.length() == 0 ? "" : ", \"inputs\": {" + example + "}")
        .append("}`\n")
        .append("- or create, run and delete in one call: `validate` with `{\"forks\": [...],")
        .append(" \"skills\": [\"")
        .append(name)
        .append("\"]}`\n")
        .append("- CLI: `prooflane skill run ")
        .append(name)
        .append(" --sandbox <sandbox>`\n\n")
        .append("PASS comes with a signed report.json to attach; FAIL lists the failing")
        .append(" assertions; INCONCLUSIVE means your change was not exercised and is never a")
        .append(" success.\n");
    return md.toString();
  }

  static String agents(List<JsonNode> catalog) {
    StringBuilder md = new StringBuilder(Templates.AGENTS);
    if (!catalog.isEmpty()) {
      md.append("\nSkills in this repository's catalog (`list_skills` shows them live):\n\n");
      for (JsonNode s : catalog) {
        md.append("- `")
            .append(s.path("name").asText())
            .append("`: ")
            .append(s.path("whenToUse").asText())
            .append('\n');
      }
    }
    return md.toString();
  }

  private static String truncate(String text) {
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3) + "...";
  }

  private static String lowerFirst(String text) {
    return text.isEmpty()
        ? text
        : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  private static Path file(Path path, String text) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return path;
  }
}
