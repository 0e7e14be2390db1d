package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.Coverage;
import dev.prooflane.actions.engine.KeyTrail;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.PropagationDrop;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The full evidence of a run as JSON: the {@code prooflane} part of the statement's predicate.
 * Field names are spelled out here, not derived by reflection, because they are a signed format.
 */
final class Evidence {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Evidence() {}

  static ObjectNode of(RunResult run) {
    ObjectNode out = F.objectNode();
    out.put("runId", run.runId());
    out.put("verdict", run.verdict().name());
    out.put("message", run.message());
    ObjectNode skill = out.putObject("skill");
    skill.put("name", run.skill().name());
    skill.put("version", run.skill().version());
    skill.put("digest", run.skill().digest());
    skill.put("file", run.skill().file());
    ObjectNode target = out.putObject("target");
    target.put("environment", run.target().environment());
    target.put("sandbox", run.target().sandbox());
    target.put("routingKey", run.target().routingKey());
    target.set("forkedServices", JsonValues.of(forked(run)));
    out.set("inputs", JsonValues.of(run.inputs()));
    out.set("outputs", JsonValues.of(run.outputs()));
    ArrayNode steps = out.putArray("steps");
    run.steps().forEach(s -> steps.add(step(s)));
    out.set("coverage", coverage(run.coverage()));
    out.set("control", run.control() == null ? F.nullNode() : exchange(run.control()));
    out.set("forkLogs", logs(run.forkLogs()));
    out.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
    out.put("durationMillis", run.durationMillis());
    return out;
  }

  static List<String> forked(RunResult run) {
    List<String> services = run.target().forkedServices();
    return services == null ? List.of() : services;
  }

  private static ObjectNode step(StepResult s) {
    ObjectNode out = F.objectNode();
    out.put("id", s.id());
    out.put("action", s.action());
    out.put("verdict", s.verdict().name());
    out.put("message", s.message());
    out.put("location", s.location());
    out.put("durationMillis", s.durationMillis());
    out.set("inputs", JsonValues.of(s.inputs()));
    out.set("outputs", JsonValues.of(s.outputs()));
    ArrayNode assertions = out.putArray("assertions");
    s.assertions().forEach(a -> assertions.add(assertion(a)));
    ArrayNode exchanges = out.putArray("exchanges");
    s.exchanges().forEach(e -> exchanges.add(exchange(e)));
    out.set("logs", logs(s.logs()));
    ArrayNode children = out.putArray("children");
    s.children().forEach(c -> children.add(step(c)));
    return out;
  }

  private static ObjectNode assertion(Assertion a) {
    ObjectNode out = F.objectNode();
    out.put("path", a.path());
    out.put("passed", a.passed());
    out.put("message", a.message());
    out.set("expected", JsonValues.of(a.expected()));
    out.set("actual", JsonValues.of(a.actual()));
    return out;
  }

  static ObjectNode exchange(Exchange e) {
    ObjectNode out = F.objectNode();
    out.put("label", e.label());
    out.put("service", e.service());
    out.put("keyed", e.keyed());
    ObjectNode request = out.putObject("request");
    request.put("method", e.method());
    request.put("url", e.url());
    request.set("headers", JsonValues.of(sorted(e.requestHeaders())));
    request.put("body", e.requestBody());
    if (e.status() == 0) {
      out.putNull("response");
    } else {
      ObjectNode response = out.putObject("response");
      response.put("status", e.status());
      response.set("headers", JsonValues.of(sorted(e.responseHeaders())));
      response.put("body", e.responseBody());
    }
    out.put("durationMillis", e.durationMillis());
    out.put("traceId", e.traceId());
    out.set("hops", hops(e.hops()));
    out.put("error", e.error());
    return out;
  }

  private static JsonNode coverage(Coverage c) {
    if (c == null) {
      return F.nullNode();
    }
    ObjectNode out = F.objectNode();
    out.set("exercised", JsonValues.of(new TreeMap<>(c.exercised())));
    out.set("keyedHops", hops(c.keyedHops()));
    out.set("keyTrail", keyTrail(c.keyTrail()));
    return out;
  }

  private static ObjectNode keyTrail(KeyTrail t) {
    ObjectNode out = F.objectNode();
    ArrayNode reached = out.putArray("reached");
    for (KeyTrail.Reached r : t.reached()) {
      reached.addObject().put("service", r.service()).put("destination", r.destination());
    }
    out.set("lastKeyedHop", t.lastKeyedHop() == null ? F.nullNode() : hop(t.lastKeyedHop()));
    ArrayNode drops = out.putArray("drops");
    for (KeyTrail.Drop d : t.drops()) {
      ObjectNode drop = drops.addObject();
      drop.put("service", d.service());
      drop.put("destination", d.destination());
      drop.put("sameTrace", d.sameTrace());
      drop.set("keyedHop", hop(d.keyedHop()));
      drop.set("unkeyedHops", hops(d.unkeyedHops()));
      drop.set("callSite", d.callSites().isEmpty() ? F.nullNode() : callSite(d.callSites().get(0)));
      ArrayNode detected = drop.putArray("detected");
      d.detected().forEach(r -> detected.add(detected(r)));
    }
    out.set("unreached", JsonValues.of(t.unreached()));
    ArrayNode others = out.putArray("otherDetected");
    t.otherDetected().forEach(r -> others.add(detected(r)));
    return out;
  }

  /** A drop detector's record, in the fields of its file (docs/propagation.md). */
  private static ObjectNode detected(PropagationDrop r) {
    ObjectNode out = F.objectNode();
    out.put("time", r.time() == null ? null : r.time().toString());
    out.put("traceId", r.traceId());
    if (r.inbound() == null) {
      out.putNull("inbound");
    } else {
      out.putObject("inbound")
          .put("method", r.inbound().method())
          .put("target", r.inbound().target());
    }
    if (r.outbound() == null) {
      out.putNull("outbound");
    } else {
      ObjectNode outbound = out.putObject("outbound");
      outbound.put("protocol", r.outbound().protocol());
      outbound.put("method", r.outbound().method());
      outbound.put("target", r.outbound().target());
      outbound.set("carried", JsonValues.of(r.outbound().carried()));
    }
    out.set("callSite", r.callSite() == null ? F.nullNode() : callSite(r.callSite()));
    out.set("stack", JsonValues.of(r.stack()));
    return out;
  }

  private static ObjectNode callSite(PropagationDrop.CallSite c) {
    ObjectNode out = F.objectNode();
    out.put("class", c.className());
    out.put("method", c.method());
    out.put("file", c.file());
    if (c.line() < 0) {
      out.putNull("line");
    } else {
      out.put("line", c.line());
    }
    return out;
  }

  private static ArrayNode hops(List<HopEntry> hops) {
    ArrayNode out = F.arrayNode();
    if (hops == null) {
      return out;
    }
    for (HopEntry h : hops) {
      out.add(hop(h));
    }
    return out;
  }

  private static ObjectNode hop(HopEntry h) {
    ObjectNode hop = F.objectNode();
    hop.put("seq", h.seq());
    hop.put("time", h.time() == null ? null : h.time().toString());
    hop.put("traceId", h.traceId());
    hop.put("routingKey", h.routingKey());
    hop.put("service", h.service());
    hop.put("destination", h.destination());
    hop.put("method", h.method());
    hop.put("path", h.path());
    hop.put("status", h.status());
    hop.put("durationMicros", h.durationMicros());
    if (h.record() != null) {
      hop.putObject("record")
          .put("topic", h.record().topic())
          .put("partition", h.record().partition())
          .put("offset", h.record().offset())
          .put("group", h.record().group());
    }
    return hop;
  }

  private static ArrayNode logs(List<CapturedLog> logs) {
    ArrayNode out = F.arrayNode();
    for (CapturedLog log : logs) {
      ObjectNode node = out.addObject();
      node.put("service", log.service());
      node.put("instance", log.instance());
      ArrayNode lines = node.putArray("lines");
      for (LogEntry l : log.lines()) {
        ObjectNode line = lines.addObject();
        line.put("seq", l.seq());
        line.put("time", l.time() == null ? null : l.time().toString());
        line.put("stream", l.stream());
        line.put("text", l.text());
      }
    }
    return out;
  }

  private static Map<String, List<String>> sorted(Map<String, List<String>> headers) {
    return headers == null ? Map.of() : new TreeMap<>(headers);
  }
}
