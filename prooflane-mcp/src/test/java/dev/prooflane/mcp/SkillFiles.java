package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.prooflane.mcp.tools.ToolCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Checks exported Agent Skills the way an agent loads them. */
final class SkillFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern SNAKE = Pattern.compile("\\b[a-z]+(?:_[a-z]+)+\\b");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private SkillFiles() {}

  /** Every SKILL.md under {@code dir}: valid front matter whose name is its folder's. */
  static Set<String> checkAll(Path dir) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.endsWith("SKILL.md")).toList()) {
        JsonNode front = frontMatter(file);
        String name = front.path("name").asText();
        assertThat(name).as(file + " name").matches(NAME).hasSizeLessThanOrEqualTo(64);
        assertThat(name)
            .as(file + " name = folder")
            .isEqualTo(file.getParent().getFileName().toString());
        assertThat(front.path("description").asText())
            .as(file + " description")
            .isNotBlank()
            .hasSizeLessThanOrEqualTo(1024);
        assertThat(toolNames(Files.readString(file)))
            .as(file + " tools")
            .isSubsetOf(ToolCatalog.names());
        names.add(name);
      }
    }
    return names;
  }

  static JsonNode frontMatter(Path file) throws IOException {
    String text = Files.readString(file);
    assertThat(text).as(file + " starts with front matter").startsWith("---\n");
    int end = text.indexOf("\n---\n", 4);
    assertThat(end).as(file + " front matter ends").isPositive();
    return YAML.readTree(text.substring(4, end));
  }

  /** Every snake_case word: in these files, only tool names are written that way. */
  static Set<String> toolNames(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = SNAKE.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
