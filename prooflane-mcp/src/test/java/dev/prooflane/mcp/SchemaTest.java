package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.mcp.tools.Schema;
import dev.prooflane.mcp.tools.Tool;
import dev.prooflane.mcp.tools.ToolCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {
  @Test
  void toolNamesAreStable() {
    assertThat(ToolCatalog.names())
        .containsExactly(
            "list_services",
            "list_sandboxes",
            "create_sandbox",
            "get_sandbox",
            "delete_sandbox",
            "list_skills",
            "describe_skill",
            "run_skill",
            "get_run",
            "list_actions",
            "describe_action",
            "run_action",
            "get_logs",
            "get_hops",
            "probe",
            "validate",
            "get_validation");
  }

  @Test
  void everyToolDescribesEveryInputField() {
    for (Tool tool : ToolCatalog.all()) {
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> props =
          (Map<String, Map<String, Object>>) tool.input().toMap().get("properties");
      props.forEach(
          (name, field) ->
              assertThat(field).as(tool.name() + "." + name).containsKey("description"));
    }
  }

  @Test
  void rendersRangesEnumsAndClosedObjects() {
    Schema s =
        Schema.object()
            .required("tail", Schema.integer("lines").range(1, 10).defaultValue(5))
            .optional("kind", Schema.string("kind").oneOf("a", "b"));
    assertThat(s.toMap())
        .containsEntry("required", List.of("tail"))
        .containsEntry("additionalProperties", false);
    assertThat(s.problems(Map.of("tail", 11, "kind", "c")))
        .containsExactlyInAnyOrder(
            "tail: 11 (expected: 1 to 10)", "kind: 'c' (expected: one of a, b)");
    assertThat(s.problems(Map.of("tail", 2.5)))
        .containsExactly("tail: 2.5 (expected: a whole number)");
    assertThat(s.problems(Map.of("tail", 3))).isEmpty();
  }
}
