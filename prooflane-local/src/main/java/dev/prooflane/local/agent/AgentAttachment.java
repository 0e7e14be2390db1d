package dev.prooflane.local.agent;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.Propagation;
import dev.prooflane.model.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an instance of a service with {@code propagation: opentelemetry-agent} or {@code detect}
 * runs with (docs/propagation.md): the agent and the extension in {@code JAVA_TOOL_OPTIONS} after
 * the service's own options, the extension's {@code prooflane.*} system properties, and the agent's
 * {@code OTEL_*} settings (exporters off; the propagators of the mode).
 */
public final class AgentAttachment {
  private final AgentJars jars;
  private final KeyNames keys;

  /** Attaches the jars of {@code jars}; the extension looks for the key under {@code keys}. */
  public AgentAttachment(AgentJars jars, KeyNames keys) {
    this.jars = requireNonNull(jars, "jars");
    this.keys = requireNonNull(keys, "keys");
  }

  /**
   * Checks that the jars are there for {@code spec}, when its propagation needs them.
   *
   * @throws AgentJarMissingException when one is missing
   */
  public void require(ServiceSpec spec) {
    if (spec.propagation().attachesAgent()) {
      jars.require("services." + spec.name() + ".propagation", spec.propagation().yamlName());
    }
  }

  /**
   * The variables to add to (or replace in) the environment of an instance of {@code spec} in
   * {@code destination} ({@code baseline} or a sandbox name), whose drop records go to {@code
   * dropsFile}; {@code ownToolOptions} is the {@code JAVA_TOOL_OPTIONS} it would run with otherwise
   * (null when none), kept first. Empty for a service without an agent.
   *
   * @throws AgentJarMissingException when a jar is missing: never a start without the agent
   */
  public Map<String, String> variables(
      ServiceSpec spec, String destination, Path dropsFile, String ownToolOptions) {
    Propagation mode = spec.propagation();
    Map<String, String> vars = new LinkedHashMap<>();
    if (!mode.attachesAgent()) {
      return vars;
    }
    require(spec);
    List<String> options =
        List.of(
            "-javaagent:" + jars.agent(),
            "-Dotel.javaagent.extensions=" + jars.extension(),
            "-Dprooflane.drops.file=" + dropsFile.toAbsolutePath(),
            "-Dprooflane.service=" + spec.name(),
            "-Dprooflane.destination=" + destination,
            "-Dprooflane.key.baggage=" + keys.baggage(),
            "-Dprooflane.key.tracestate=" + keys.tracestate(),
            "-Dprooflane.key.header=" + keys.header(),
            "-Dprooflane.propagation=" + mode.yamlName());
    vars.put("JAVA_TOOL_OPTIONS", ToolOptions.append(ownToolOptions, options));
    vars.put("OTEL_TRACES_EXPORTER", "none");
    vars.put("OTEL_METRICS_EXPORTER", "none");
    vars.put("OTEL_LOGS_EXPORTER", "none");
    vars.put("OTEL_SERVICE_NAME", spec.name());
    vars.put(
        "OTEL_PROPAGATORS",
        mode == Propagation.DETECT ? "prooflane-detect" : "tracecontext,baggage");
    return vars;
  }
}
