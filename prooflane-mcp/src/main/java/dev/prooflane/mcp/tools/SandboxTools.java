package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.model.KeyCarrier;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Tools that create, read and delete sandboxes. */
final class SandboxTools {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SandboxTools() {}

  static List<Tool> all() {
    return List.of(listSandboxes(), createSandbox(), getSandbox(), deleteSandbox());
  }

  static Tool listSandboxes() {
    return new Tool(
        "list_sandboxes",
        "List sandboxes",
        "Lists every sandbox with its routing key, phase, forks and expiry.",
        Schema.object(),
        Schema.open("the sandboxes")
            .required("sandboxes", Schema.array("every sandbox", Shapes.sandbox())),
        Effect.READ,
        (args, daemon) -> {
          JsonNode body = Json.mapper().valueToTree(daemon.sandboxes());
          List<String> lines = new ArrayList<>();
          body.path("sandboxes").forEach(s -> lines.add("- " + line(s)));
          String text =
              lines.isEmpty()
                  ? "no sandboxes (create one with create_sandbox, or use validate)"
                  : lines.size() + " sandbox(es):\n" + String.join("\n", lines);
          return ToolResult.ok(body, text);
        });
  }

  static Tool createSandbox() {
    Schema input =
        Schema.object()
            .required("forks", Shapes.forks())
            .optional(
                "name",
                Schema.name(
                    "sandbox name: lowercase letters, digits and '-', at most 63 (default:"
                        + " agent-<random>)"))
            .optional("ttl", Shapes.ttl())
            .optional(
                "routingKey", Schema.name("the routing key (default: 12 generated characters)"))
            .optional("labels", Schema.mapOf("labels", Schema.name("the value")));
    return new Tool(
        "create_sandbox",
        "Create a sandbox",
        "Forks only the changed service(s) next to the shared baseline and answers once the forks"
            + " are healthy and routed. Requests carrying the sandbox's routing key reach the"
            + " forks; everything else stays on the baseline. Give each fork the changed command"
            + " (or artifact) and env. Delete it with delete_sandbox when done.",
        input,
        Shapes.sandbox()
            .optional(
                "keyHeaders",
                Schema.open(
                    "headers that carry the key (any one will do), for requests you send"
                        + " yourself"))
            .optional("readyMillis", Schema.integer("create to routable, in milliseconds")),
        Effect.WRITE,
        SandboxTools::create);
  }

  private static ToolResult create(Arguments args, DaemonClient daemon) {
    SandboxRequest request =
        new SandboxRequest(
            args.optionalString("name").orElseGet(SandboxTools::newName),
            args.optionalString("routingKey").orElse(null),
            args.optionalString("ttl").orElse("30m"),
            args.has("labels") ? args.stringMap("labels") : null,
            ForkArguments.of(args));
    long start = System.nanoTime();
    SandboxView view = daemon.createSandbox(request);
    long millis = (System.nanoTime() - start) / 1_000_000;
    ObjectNode out = Json.mapper().valueToTree(view);
    JsonNode sandbox = out.deepCopy();
    ObjectNode headers = out.putObject("keyHeaders");
    String key = view.routingKey();
    for (KeyCarrier carrier : daemon.status().keyNames().carriers()) {
      carrier.header().ifPresent(header -> headers.put(header, carrier.value(key)));
    }
    out.put("readyMillis", millis);
    String text =
        line(sandbox)
            + "\nready in "
            + millis
            + " ms. run_skill, run_action and get_hops take sandbox '"
            + view.name()
            + "' and inject the key; for your own requests send "
            + headers.properties().stream()
                .findFirst()
                .map(e -> "the header '" + e.getKey() + ": " + e.getValue().asText() + "'")
                .orElse("the key")
            + " to a service's router URL (list_services). Delete it with delete_sandbox when done.";
    return ToolResult.ok(out, text);
  }

  static Tool getSandbox() {
    return new Tool(
        "get_sandbox",
        "Get a sandbox",
        "One sandbox: its routing key, phase (READY, DEGRADED, ...), each fork's state and why"
            + " it is not running.",
        Schema.object().required("name", Schema.name("the sandbox name (see list_sandboxes)")),
        Shapes.sandbox(),
        Effect.READ,
        (args, daemon) -> {
          JsonNode sandbox = Json.mapper().valueToTree(daemon.sandbox(args.string("name")));
          return ToolResult.ok(sandbox, line(sandbox));
        });
  }

  static Tool deleteSandbox() {
    return new Tool(
        "delete_sandbox",
        "Delete a sandbox",
        "Deletes a sandbox: its routes go first (keyed requests reach the baseline at once), then"
            + " its forks stop. Delete the sandboxes you created once you are done.",
        Schema.object().required("name", Schema.name("the sandbox name (see list_sandboxes)")),
        Schema.open("what was deleted").required("deleted", Schema.string("the sandbox name")),
        Effect.DESTRUCTIVE,
        (args, daemon) -> {
          JsonNode body = daemon.deleteSandbox(args.string("name"));
          return ToolResult.ok(body, "sandbox " + body.path("deleted").asText() + " deleted");
        });
  }

  /** {@code pr-42: READY, key k, expires T; forks: pricing running (pid 1, port 2)}. */
  static String line(JsonNode s) {
    List<String> forks = new ArrayList<>();
    for (JsonNode f : s.path("forks")) {
      String message = f.path("message").asText("");
      forks.add(
          f.path("service").asText()
              + " "
              + f.path("state").asText()
              + " (pid "
              + f.path("pid").asLong()
              + ", port "
              + f.path("port").asInt()
              + ")"
              + (message.isEmpty() ? "" : " " + message));
    }
    String message = s.path("message").asText("");
    return "sandbox "
        + s.path("name").asText()
        + ": "
        + s.path("phase").asText()
        + (message.isEmpty() ? "" : " (" + message + ")")
        + ", key "
        + s.path("routingKey").asText()
        + (s.path("expiresAt").isTextual() ? ", expires " + s.path("expiresAt").asText() : "")
        + "; forks: "
        + String.join(", ", forks);
  }

  static String newName() {
    return "agent-" + Long.toString(Math.abs(RANDOM.nextLong() % 2_176_782_336L), 36);
  }
}
