package dev.prooflane.model.spec;

import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.Environment;
import dev.prooflane.model.HealthCheck;
import dev.prooflane.model.KafkaSection;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.PostgresSection;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.Propagation;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.RouterTls;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads an environment file ({@code prooflane.yaml}); the format is in docs/environment.md. */
public final class EnvironmentReader {
  private static final Set<String> TOP =
      Set.of(
          "name",
          "databases",
          "kafka",
          "postgres",
          "propagation",
          "router",
          "routing",
          "sandboxes",
          "services",
          "skills");
  private static final Set<String> ROUTING =
      Set.of("compat", "baggage", "tracestate", "header", "query");
  private static final Set<String> SANDBOXES = Set.of("maxTtl");
  private static final Set<String> SERVICE =
      Set.of("command", "artifact", "workdir", "port", "env", "health", "protocol", "propagation");
  private static final Set<String> HEALTH = Set.of("path", "grpc", "timeout", "interval");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

  private EnvironmentReader() {}

  /** Reads and validates the file at {@code path}. */
  public static Environment read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException(
          new SpecProblem(
              path.toString(),
              0,
              0,
              "",
              "file not found (create it, or pass another with -f; see docs/environment.md)"));
    } catch (IOException e) {
      throw new ProoflaneException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return parse(path, text);
  }

  /**
   * Validates {@code text} as if read from {@code path}; throws a {@link SpecException} listing
   * every problem.
   */
  public static Environment parse(Path path, String text) {
    SpecFile file = SpecFile.parse(path.toString(), text);
    SpecNode root = file.root();
    Map<String, SpecNode> top = root.entries();
    root.rejectUnknown(top, TOP);
    String name = "default";
    if (top.containsKey("name")) {
      String n = top.get("name").text();
      if (n != null) {
        if (SERVICE_NAME.matcher(n).matches()) {
          name = n;
        } else {
          top.get("name").problem("'" + n + "' (expected: lowercase letters, digits and '-')");
        }
      }
    }
    KeyNames keyNames =
        top.containsKey("routing") ? keyNames(top.get("routing")) : KeyNames.DEFAULT;
    Optional<Duration> maxTtl = Optional.empty();
    if (top.containsKey("sandboxes")) {
      Map<String, SpecNode> sb = top.get("sandboxes").entries();
      top.get("sandboxes").rejectUnknown(sb, SANDBOXES);
      if (sb.containsKey("maxTtl")) {
        maxTtl = sb.get("maxTtl").positiveDuration();
      }
    }
    Propagation propagation = Propagation.NONE;
    if (top.containsKey("propagation")) {
      propagation = Objects.requireNonNullElse(propagation(top.get("propagation")), propagation);
    }
    Optional<KafkaSection> kafka =
        top.containsKey("kafka") ? KafkaSectionReader.read(top.get("kafka")) : Optional.empty();
    boolean hasKafka = top.containsKey("kafka");
    Optional<PostgresSection> postgres =
        top.containsKey("postgres")
            ? PostgresSectionReader.read(top.get("postgres"))
            : Optional.empty();
    List<DatabaseSection> databases = List.of();
    if (top.containsKey("databases")) {
      Path base = path.toAbsolutePath().normalize().getParent();
      databases = DatabasesSectionReader.read(top.get("databases"), base);
      if (!top.containsKey("postgres")) {
        top.get("databases")
            .problem(
                "databases without a postgres section (add 'postgres:' for a server the daemon"
                    + " starts, or 'postgres: {url: ...}' for an existing one)");
      }
    }
    Map<String, ServiceSpec> services = new LinkedHashMap<>();
    SpecNode servicesNode = top.get("services");
    if (servicesNode == null) {
      root.problem(
          "missing field 'services' (declare at least one service; see docs/environment.md)");
    } else {
      Map<String, SpecNode> entries = servicesNode.entries();
      if (entries.isEmpty() && (servicesNode.isMapping() || servicesNode.isNull())) {
        servicesNode.problem("no services (declare at least one)");
      }
      Path base = path.toAbsolutePath().normalize().getParent();
      Placeholders.Known known =
          new Placeholders.Known(entries.keySet(), hasKafka, databaseNames(top.get("databases")));
      for (Map.Entry<String, SpecNode> e : entries.entrySet()) {
        ServiceSpec spec = service(e.getKey(), e.getValue(), base, known, propagation);
        if (spec != null) {
          services.put(e.getKey(), spec);
        }
      }
      checkPorts(entries, services);
    }
    List<Path> skillDirs = skillDirs(path, top.get("skills"));
    Optional<RouterTls> tls =
        top.containsKey("router") ? RouterSection.tls(top.get("router"), path) : Optional.empty();
    file.throwIfProblems();
    return new Environment(
        name, path, keyNames, services, maxTtl, skillDirs, tls, kafka, postgres, databases);
  }

  /** The names the {@code databases:} section declares (whatever else is wrong with them). */
  private static Set<String> databaseNames(SpecNode node) {
    return node == null || !node.isMapping() ? Set.of() : node.entries().keySet();
  }

  /**
   * The skill folders: {@code skills:} (one path or a list, relative to the file), else {@code
   * skills/} beside the file when it exists.
   */
  private static List<Path> skillDirs(Path path, SpecNode node) {
    Path base = path.toAbsolutePath().normalize().getParent();
    if (node == null) {
      Path conventional = base.resolve("skills");
      return Files.isDirectory(conventional) ? List.of(conventional) : List.of();
    }
    List<Path> dirs = new java.util.ArrayList<>();
    List<SpecNode> items = node.isSequence() ? node.items() : List.of(node);
    for (SpecNode item : items) {
      String dir = item.text();
      Path resolved = dir == null ? null : item.resolvedPath(base);
      if (resolved != null) {
        if (!Files.isDirectory(resolved)) {
          item.problem(
              "'"
                  + dir
                  + "' is not a folder (create it, or fix the path; it is relative to this file)");
        }
        dirs.add(resolved);
      }
    }
    return dirs;
  }

  private static KeyNames keyNames(SpecNode node) {
    Map<String, SpecNode> r = node.entries();
    node.rejectUnknown(r, ROUTING);
    KeyNames base = KeyNames.DEFAULT;
    if (r.containsKey("compat")) {
      String tool = r.get("compat").text();
      if (tool != null) {
        base =
            KeyNames.compat(tool)
                .orElseGet(
                    () -> {
                      r.get("compat")
                          .problem("'" + tool + "' (expected: prooflane, signadot or okteto)");
                      return KeyNames.DEFAULT;
                    });
      }
    }
    String baggage = token(r.get("baggage"), base.baggage());
    String tracestate = token(r.get("tracestate"), base.tracestate());
    String header = token(r.get("header"), base.header());
    Optional<String> query = Optional.ofNullable(token(r.get("query"), base.query().orElse(null)));
    return new KeyNames(baggage, tracestate, header, query);
  }

  private static String token(SpecNode node, String fallback) {
    if (node == null) {
      return fallback;
    }
    if (node.isNull()) {
      return "";
    }
    String t = node.text();
    if (t != null && !TOKEN.matcher(t).matches()) {
      node.problem(
          "'"
              + t
              + "' (expected: a header-safe name such as x-prooflane-key, or null to not use this"
              + " carrier)");
      return fallback;
    }
    return t == null ? fallback : t;
  }

  private static ServiceSpec service(
      String name, SpecNode node, Path base, Placeholders.Known known, Propagation inherited) {
    if (!SERVICE_NAME.matcher(name).matches()) {
      node.problem("service name '" + name + "' (expected: lowercase letters, digits and '-')");
    }
    if (node.isNull()) {
      return node.problem(
          "service '" + name + "' has no settings (give at least 'command', the program to run)");
    }
    Map<String, SpecNode> f = node.entries();
    if (!node.isMapping()) {
      return null;
    }
    node.rejectUnknown(f, SERVICE);
    List<String> command = null;
    if (!f.containsKey("command")) {
      node.problem(
          "missing field 'command' (the program that runs this service, such as: java -jar app.jar)");
    } else {
      command = f.get("command").command();
      if (command != null) {
        checkPlaceholders(f.get("command"), String.join(" ", command), known);
      }
    }
    Optional<String> artifact = Optional.empty();
    if (f.containsKey("artifact")) {
      artifact = Optional.ofNullable(f.get("artifact").text());
    }
    if (command != null
        && String.join(" ", command).contains("${artifact}")
        && artifact.isEmpty()) {
      f.get("command")
          .problem("uses ${artifact} but the service has no 'artifact' field (add one)");
    }
    Path workdir = base;
    if (f.containsKey("workdir")) {
      Path w = f.get("workdir").resolvedPath(base);
      if (w != null) {
        workdir = w;
      }
    }
    int port = 0;
    if (f.containsKey("port")) {
      Integer p = f.get("port").integer(0, 65535);
      port = p == null ? 0 : p;
    }
    Map<String, String> env = Map.of();
    if (f.containsKey("env")) {
      env = f.get("env").stringMap();
      for (Map.Entry<String, SpecNode> e : f.get("env").entries().entrySet()) {
        if (e.getValue().isScalar() && !e.getValue().isNull()) {
          checkPlaceholders(e.getValue(), e.getValue().text(), known);
        }
      }
    }
    Protocol protocol = f.containsKey("protocol") ? protocol(f.get("protocol")) : Protocol.HTTP1;
    Propagation propagation =
        f.containsKey("propagation") ? propagation(f.get("propagation")) : inherited;
    if (propagation != null && propagation.attachesAgent() && f.containsKey("env")) {
      checkAgentVariables(f.get("env"), propagation);
    }
    HealthCheck health =
        f.containsKey("health")
            ? health(f.get("health"), protocol)
            : HealthCheck.defaultFor(protocol == null ? Protocol.HTTP1 : protocol);
    if (command == null || health == null || protocol == null || propagation == null) {
      return null;
    }
    return new ServiceSpec(
        name, command, workdir, env, port, artifact, health, protocol, propagation);
  }

  /** The protocol named by {@code node}, or null after reporting a problem. */
  private static Protocol protocol(SpecNode node) {
    String name = node.text();
    if (name == null) {
      return null;
    }
    Protocol protocol = Protocol.fromYaml(name);
    if (protocol == null) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      String hint =
          Protocol.fromYaml(lower) != null
              ? "; did you mean '" + lower + "'?"
              : lower.startsWith("h2") || lower.startsWith("http2") || lower.startsWith("http/2")
                  ? "; HTTP/2 in cleartext is h2c"
                  : "";
      return node.problem("'" + name + "' (expected: http1, h2c or grpc" + hint + ")");
    }
    return protocol;
  }

  /** The propagation mode named by {@code node}, or null after reporting a problem. */
  private static Propagation propagation(SpecNode node) {
    String name = node.text();
    if (name == null) {
      return null;
    }
    Propagation mode = Propagation.fromYaml(name);
    if (mode == null) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      String hint =
          Propagation.fromYaml(lower) != null
              ? "; did you mean '" + lower + "'?"
              : lower.contains("otel") || lower.contains("telemetry") || lower.contains("agent")
                  ? "; the OpenTelemetry Java agent is opentelemetry-agent"
                  : "";
      return node.problem(
          "'"
              + name
              + "' (expected: "
              + Propagation.expected()
              + hint
              + "; see docs/propagation.md)");
    }
    return mode;
  }

  /**
   * Reports each variable of {@code env} that the agent's settings set: the service's value would
   * either be lost or switch off what {@code propagation} promises.
   */
  private static void checkAgentVariables(SpecNode env, Propagation propagation) {
    for (Map.Entry<String, SpecNode> e : env.entries().entrySet()) {
      if (Propagation.AGENT_VARIABLES.contains(e.getKey())) {
        e.getValue()
            .problem(
                "set by propagation: "
                    + propagation.yamlName()
                    + " (expected: not set here; to configure the OpenTelemetry agent yourself,"
                    + " set propagation: none and attach it through JAVA_TOOL_OPTIONS; see"
                    + " docs/propagation.md)");
      }
    }
  }

  /**
   * The health check of a service that speaks {@code protocol} (null when its own field was wrong),
   * or null after reporting a problem.
   */
  private static HealthCheck health(SpecNode node, Protocol protocol) {
    Map<String, SpecNode> h = node.entries();
    node.rejectUnknown(h, HEALTH);
    HealthCheck fallback = HealthCheck.defaultFor(protocol == null ? Protocol.HTTP1 : protocol);
    HealthCheck.Probe probe = fallback.probe();
    if (h.containsKey("path") && h.containsKey("grpc")) {
      return h.get("grpc")
          .problem(
              "both 'path' and 'grpc' are set (keep 'path' for an HTTP GET, or 'grpc' for the gRPC"
                  + " health check)");
    }
    if (h.containsKey("path")) {
      String p = h.get("path").text();
      if (p != null && !p.startsWith("/")) {
        h.get("path").problem("'" + p + "' (expected: a path starting with /, such as /health)");
      } else if (p != null) {
        probe = new HealthCheck.HttpGet(p);
      }
    }
    if (h.containsKey("grpc")) {
      SpecNode grpc = h.get("grpc");
      if (protocol != null && !protocol.http2()) {
        grpc.problem(
            "a gRPC health check of a service that speaks "
                + protocol.yamlName()
                + " (set the service's protocol: grpc, or check an HTTP path with 'path')");
      } else {
        String service = grpc.isNull() ? "" : grpc.text();
        if (service != null && HealthCheck.GrpcHealth.isServiceName(service)) {
          probe = new HealthCheck.GrpcHealth(service);
        } else if (service != null) {
          probe =
              grpc.problem("'" + service + "' (expected: " + HealthCheck.GrpcHealth.EXPECTED + ")");
        } else {
          probe = null;
        }
      }
    }
    Duration timeout =
        h.containsKey("timeout")
            ? h.get("timeout").positiveDuration().orElse(fallback.timeout())
            : fallback.timeout();
    Duration interval =
        h.containsKey("interval")
            ? h.get("interval").positiveDuration().orElse(fallback.interval())
            : fallback.interval();
    return probe == null ? null : new HealthCheck(probe, timeout, interval);
  }

  private static void checkPlaceholders(SpecNode node, String text, Placeholders.Known known) {
    for (String name : Placeholders.names(text)) {
      String problem = Placeholders.problem(name, known);
      if (problem != null) {
        node.problem(problem);
      }
    }
  }

  private static void checkPorts(Map<String, SpecNode> nodes, Map<String, ServiceSpec> services) {
    Map<Integer, String> used = new LinkedHashMap<>();
    for (ServiceSpec s : services.values()) {
      if (s.port() == 0) {
        continue;
      }
      String other = used.putIfAbsent(s.port(), s.name());
      if (other != null) {
        nodes
            .get(s.name())
            .entries()
            .get("port")
            .problem(
                "port "
                    + s.port()
                    + " is also used by service '"
                    + other
                    + "' (pick another, or 0 for any free port)");
      }
    }
  }
}
