package dev.prooflane.actions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.expr.Values;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code schema}: validates a value against a JSON Schema file (draft 2020-12 unless its {@code
 * $schema} says otherwise, such as draft 7), or against the response schema of an OpenAPI 3
 * operation. Reports every failing path, each as an assertion. Files are read only from inside the
 * skill folder and remote {@code $ref}s are never fetched.
 */
public final class SchemaAction implements Action {
  private static final Set<String> FIELDS =
      Set.of("value", "schema", "openapi", "operation", "status", "mediaType");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "schema",
          "Validate a value against a JSON Schema file or an OpenAPI 3 operation's response"
              + " schema; every failing path is reported.",
          List.of(
              Field.required("value", "any", "the value to validate, such as a response body"),
              Field.optional(
                  "schema",
                  "string",
                  "a JSON Schema file (JSON or YAML) relative to the skill folder; draft 2020-12"
                      + " unless its $schema names another draft (such as draft 7)"),
              Field.optional(
                  "openapi",
                  "string",
                  "an OpenAPI 3.0 or 3.1 document relative to the skill folder (instead of"
                      + " schema)"),
              Field.optional(
                  "operation",
                  "string",
                  "with openapi: an operationId, or 'METHOD /path' (a template or a concrete path)"),
              Field.optional(
                  "status",
                  "integer",
                  "with openapi: the response status to validate against (default 200; falls back"
                      + " to 2XX, then default)"),
              Field.optional(
                  "mediaType",
                  "string",
                  "with openapi: the response media type (default application/json)")),
          List.of(
              Field.required("valid", "boolean", "whether the value matched"),
              Field.required(
                  "errors",
                  "array",
                  "every violation as {path, message, keyword}; empty if valid")),
          """
          - id: quote_matches_contract
            action: schema
            with:
              value: ${{ steps.quote.outputs.body }}
              openapi: api/pricing.yaml
              operation: GET /prices/{id}
              status: ${{ steps.quote.outputs.status }}
          """);

  private final CompiledSchemas schemas = new CompiledSchemas(256);

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) {
    input.rejectUnknown(FIELDS);
    if (!input.fields().contains("value")) {
      throw input.error("value", "missing (required)");
    }
    Optional<String> schemaFile = input.optionalString("schema");
    Optional<String> openapiFile = input.optionalString("openapi");
    if (schemaFile.isPresent() == openapiFile.isPresent()) {
      throw input.error(
          schemaFile.isPresent() ? "openapi" : "schema",
          "give exactly one of schema (a JSON Schema file) or openapi (an OpenAPI document)");
    }
    Path root = ConfinedFiles.root(context.skillDir());
    JsonNode value = Values.toJson(input.value("value"));
    if (schemaFile.isPresent()) {
      for (String field : List.of("operation", "status", "mediaType")) {
        if (input.has(field)) {
          throw input.error(field, "only used with openapi, not with schema");
        }
      }
      Path file = ConfinedFiles.resolve(input, "schema", schemaFile.get(), root);
      Schema schema =
          compile(input, "schema", file.toUri().toString(), Dialects.getDraft202012(), root);
      return validate(schema, value, schemaFile.get());
    }
    String operation = input.string("operation");
    int status = status(input);
    String mediaType = input.optionalString("mediaType").orElse("application/json");
    Path file = ConfinedFiles.resolve(input, "openapi", openapiFile.get(), root);
    OpenApiResponse response =
        OpenApiResponse.locate(read(input, "openapi", file), operation, status, mediaType, input);
    String against = openapiFile.get() + " " + response.label();
    if (response.pointer().isEmpty()) {
      return noSchema(value, against);
    }
    String location = file.toUri() + "#" + response.pointer().get();
    return validate(compile(input, "openapi", location, response.dialect(), root), value, against);
  }

  private Schema compile(
      ActionInput input, String field, String location, Dialect dialect, Path root) {
    try {
      return schemas.get(location, dialect, root);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConfinedResourceLoader.RefusedReference refused) {
          throw input.error(field, refused.getMessage());
        }
        if (t instanceof ActionInputException) {
          throw (ActionInputException) t;
        }
      }
      if (e instanceof SchemaException) {
        throw input.error(field, "not a usable schema: " + describe(e));
      }
      throw e;
    }
  }

  private static ActionResult validate(Schema schema, JsonNode value, String against) {
    List<Error> errors = schema.validate(value);
    Set<Violation> violations = new LinkedHashSet<>();
    for (Error e : errors) {
      violations.add(Violation.of(e));
    }
    ActionResult.Builder result = ActionResult.builder().output("valid", violations.isEmpty());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Violation v : violations) {
      out.add(v.toOutput());
      result.assertion(Assertion.failed(v.path(), v.message(), v.expected(), v.actual()));
    }
    result.output("errors", out);
    if (violations.isEmpty()) {
      return result
          .assertion(Assertion.passed("$", "matches " + against))
          .message("valid against " + against)
          .build();
    }
    List<String> first =
        violations.stream().limit(5).map(v -> v.path() + ": " + v.message()).toList();
    String more = violations.size() > 5 ? "; ... (" + violations.size() + " in all)" : "";
    return result
        .message(
            violations.size()
                + (violations.size() == 1 ? " violation of " : " violations of ")
                + against
                + ": "
                + String.join("; ", first)
                + more)
        .build();
  }

  private static ActionResult noSchema(JsonNode value, String against) {
    boolean empty =
        value.isNull() || value.isMissingNode() || (value.isTextual() && value.asText().isEmpty());
    if (against.endsWith("(no schema)") || empty) {
      return ActionResult.builder()
          .output("valid", true)
          .output("errors", List.of())
          .assertion(Assertion.passed("$", "matches " + against))
          .message("valid against " + against)
          .build();
    }
    String message = "expected no body, got " + Values.text(Values.fromJson(value));
    return ActionResult.builder()
        .output("valid", false)
        .output("errors", List.of(Map.of("path", "$", "message", message, "keyword", "content")))
        .assertion(Assertion.failed("$", message, null, null))
        .message("1 violation of " + against + ": $: " + message)
        .build();
  }

  private static int status(ActionInput input) {
    Object v = input.value("status");
    if (v instanceof String s && s.trim().matches("[1-5][0-9][0-9]")) {
      return Integer.parseInt(s.trim());
    }
    long status = input.integer("status", 200);
    if (status < 100 || status > 599) {
      throw input.error("status", status + " (expected: an HTTP status from 100 to 599)");
    }
    return (int) status;
  }

  private static JsonNode read(ActionInput input, String field, Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      JsonNode doc = (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
      if (doc == null || !doc.isObject()) {
        throw input.error(field, file.getFileName() + " is not a JSON or YAML object");
      }
      return doc;
    } catch (IOException e) {
      throw input.error(field, "cannot read " + file.getFileName() + ": " + describe(e));
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
