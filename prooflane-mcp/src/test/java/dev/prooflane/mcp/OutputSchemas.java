package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.prooflane.mcp.tools.Tool;
import dev.prooflane.mcp.tools.ToolCatalog;
import dev.prooflane.server.json.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks structured results against their tools' output schemas with a JSON Schema validator. */
final class OutputSchemas {
  private static final Map<String, Schema> SCHEMAS =
      ToolCatalog.all().stream()
          .collect(
              Collectors.toMap(
                  Tool::name,
                  t ->
                      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                          .getSchema(Json.mapper().valueToTree(t.output().toMap()))));

  private OutputSchemas() {}

  /** Fails unless {@code structured}, a result of {@code tool}, fits its output schema. */
  static void assertFits(String tool, JsonNode structured) {
    List<Error> errors = SCHEMAS.get(tool).validate(structured);
    assertThat(errors).as(tool + " answered " + structured).isEmpty();
  }
}
