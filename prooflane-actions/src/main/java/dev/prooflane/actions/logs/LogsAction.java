package dev.prooflane.actions.logs;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.LogWindow;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.SandboxInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code logs}: captures what a service's instance wrote during the run or one earlier step — the
 * fork when the run targets a sandbox that forks the service — and checks it against {@code
 * contains} / {@code notContains} patterns. The captured lines are evidence.
 */
public final class LogsAction implements Action {
  private static final Set<String> KNOWN =
      Set.of("service", "during", "instance", "contains", "notContains", "stream", "max");

  /** Lines written just after a response may lag behind it: how long to look for them. */
  private static final long SETTLE_MILLIS = 500;

  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "logs",
          "Capture what a service (its fork when the run targets a sandbox) wrote during the run"
              + " or a step, and check it for patterns.",
          List.of(
              Field.required("service", "string", "the service whose log to read"),
              Field.optional(
                  "during", "string", "the id of an earlier step; default: the whole run so far"),
              Field.optional(
                  "instance",
                  "string",
                  "baseline or sandbox; default: the fork when the sandbox forks the service"),
              Field.optional(
                  "contains",
                  "any",
                  "a pattern or list that some line must match; /regex/ between slashes"),
              Field.optional(
                  "notContains", "any", "a pattern or list that no line may match; /regex/ too"),
              Field.optional("stream", "string", "stdout, stderr or both (default)"),
              Field.optional("max", "integer", "the most lines kept, the latest; default 200")),
          List.of(
              Field.required("lines", "array", "the latest lines, as text (at most max)"),
              Field.required("count", "integer", "how many lines the instance wrote in the window"),
              Field.required("matched", "object", "each pattern to the lines matching it"),
              Field.required("instance", "string", "baseline or the sandbox name read")),
          """
          - id: orders_log
            action: logs
            with:
              service: orders
              during: place_order
              contains: order accepted
              notContains: [ /ERROR|Exception/, "retrying" ]
          """);

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws InterruptedException {
    input.rejectUnknown(KNOWN);
    String service = input.string("service");
    if (!context.runtime().services().contains(service)) {
      throw input.error(
          "service",
          "'"
              + service
              + "' is not a service of the environment (services: "
              + String.join(", ", new TreeSet<>(context.runtime().services()))
              + ")");
    }
    Optional<String> sandbox = instance(input, context, service);
    String stream = input.optionalString("stream").orElse("both");
    if (!Set.of("stdout", "stderr", "both").contains(stream)) {
      throw input.error("stream", "'" + stream + "' (expected: stdout, stderr or both)");
    }
    long max = input.integer("max", 200);
    if (max < 1) {
      throw input.error("max", max + " (expected: > 0)");
    }
    List<LinePattern> contains = patterns(input, "contains");
    List<LinePattern> notContains = patterns(input, "notContains");
    Optional<String> during = input.optionalString("during").map(id -> sibling(context, id));
    LogWindow window = context.logWindow(service, sandbox, during);

    List<LogEntry> lines = read(context, service, sandbox, window, stream);
    long settleUntil =
        System.nanoTime() + Math.min(SETTLE_MILLIS * 1_000_000, context.remaining().toNanos() / 2);
    while (window.to() == Long.MAX_VALUE
        && !allFound(contains, lines)
        && System.nanoTime() < settleUntil) {
      Thread.sleep(20);
      lines = read(context, service, sandbox, window, stream);
    }

    String instanceName = sandbox.orElse("baseline");
    ActionResult.Builder result = ActionResult.builder();
    Map<String, Object> matched = new LinkedHashMap<>();
    TreeMap<Long, LogEntry> evidence = new TreeMap<>();
    List<LogEntry> latest = lines.subList((int) Math.max(0, lines.size() - max), lines.size());
    latest.forEach(l -> evidence.put(l.seq(), l));
    String where = "service '" + service + "' (" + instanceName + ")";
    for (LinePattern p : contains) {
      List<LogEntry> hits = matching(p, lines, max);
      hits.forEach(l -> evidence.put(l.seq(), l));
      matched.put(p.source(), texts(hits));
      result.assertion(
          hits.isEmpty()
              ? Assertion.failed(
                  "contains " + p.source(),
                  "no line of " + where + " matches '" + p.source() + "' among " + lines.size(),
                  p.source(),
                  null)
              : Assertion.passed(
                  "contains " + p.source(), "found in " + hits.size() + " line(s) of " + where));
    }
    for (LinePattern p : notContains) {
      List<LogEntry> hits = matching(p, lines, max);
      hits.forEach(l -> evidence.put(l.seq(), l));
      matched.put(p.source(), texts(hits));
      result.assertion(
          hits.isEmpty()
              ? Assertion.passed("notContains " + p.source(), "no line of " + where + " matches")
              : Assertion.failed(
                  "notContains " + p.source(),
                  hits.size()
                      + " line(s) of "
                      + where
                      + " match '"
                      + p.source()
                      + "', first: "
                      + hits.get(0).text(),
                  null,
                  texts(hits)));
    }
    result
        .output("lines", texts(latest))
        .output("count", (long) lines.size())
        .output("matched", matched)
        .output("instance", instanceName)
        .log(new CapturedLog(service, instanceName, new ArrayList<>(evidence.values())));
    ActionResult built = result.build();
    if (built.verdict() != Verdict.PASS) {
      return built;
    }
    return result
        .message(
            lines.size()
                + " line(s) of "
                + where
                + during.map(d -> " during step '" + d + "'").orElse(" during the run"))
        .build();
  }

  /** The fork when the run's sandbox forks the service, unless {@code instance} says otherwise. */
  private static Optional<String> instance(
      ActionInput input, ActionContext context, String service) {
    Optional<SandboxInfo> sandbox = context.sandbox();
    boolean forked = sandbox.map(s -> s.forkedServices().contains(service)).orElse(false);
    String instance = input.optionalString("instance").orElse(forked ? "sandbox" : "baseline");
    switch (instance) {
      case "baseline":
        return Optional.empty();
      case "sandbox":
        if (sandbox.isEmpty()) {
          throw input.error(
              "instance", "sandbox, but the run targets the baseline (run it with --sandbox)");
        }
        if (!forked) {
          throw input.error(
              "instance",
              "sandbox, but sandbox '"
                  + sandbox.get().name()
                  + "' does not fork '"
                  + service
                  + "' (it forks: "
                  + String.join(", ", sandbox.get().forkedServices())
                  + ")");
        }
        return Optional.of(sandbox.get().name());
      default:
        throw input.error("instance", "'" + instance + "' (expected: baseline or sandbox)");
    }
  }

  /** A step id as written in the skill, made the id of that step in this run. */
  private static String sibling(ActionContext context, String id) {
    int dot = context.stepId().lastIndexOf('.');
    return dot < 0 ? id : context.stepId().substring(0, dot + 1) + id;
  }

  private static List<LinePattern> patterns(ActionInput input, String field) {
    return input.strings(field).stream().map(s -> LinePattern.parse(s, input, field)).toList();
  }

  private static List<LogEntry> read(
      ActionContext context,
      String service,
      Optional<String> sandbox,
      LogWindow window,
      String stream) {
    return context.runtime().logsSince(service, sandbox, window.from()).stream()
        .filter(l -> window.contains(l.seq()))
        .filter(l -> stream.equals("both") || stream.equals(l.stream()))
        .sorted(Comparator.comparingLong(LogEntry::seq))
        .toList();
  }

  private static boolean allFound(List<LinePattern> patterns, List<LogEntry> lines) {
    return patterns.stream().allMatch(p -> lines.stream().anyMatch(l -> p.matches(l.text())));
  }

  private static List<LogEntry> matching(LinePattern p, List<LogEntry> lines, long max) {
    return lines.stream().filter(l -> p.matches(l.text())).limit(max).toList();
  }

  private static List<Object> texts(List<LogEntry> lines) {
    return lines.stream().<Object>map(LogEntry::text).toList();
  }
}
