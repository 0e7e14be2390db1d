package dev.prooflane.server.json;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.server.runs.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as the API summarises it; the full evidence is in its reports.
 *
 * @param id the run id
 * @param state RUNNING, DONE or FAILED
 * @param skill the skill's name
 * @param sandbox the sandbox targeted, or null for the baseline
 * @param createdAt when it was started
 * @param verdict PASS, FAIL, ERROR or INCONCLUSIVE once DONE, else null
 * @param message why, in one line
 * @param steps per step: id, action, verdict, message, durationMillis
 * @param reports the report files by kind (json, markdown, junit, html), once DONE
 * @param progress the progress lines so far
 */
public record RunView(
    String id,
    String state,
    String skill,
    String sandbox,
    Instant createdAt,
    String verdict,
    String message,
    List<Map<String, Object>> steps,
    Map<String, String> reports,
    List<String> progress) {

  /** The view of {@code record} now. */
  public static RunView of(RunRecord record) {
    RunResult result =
        record.result().isDone() && !record.result().isCompletedExceptionally()
            ? record.result().join()
            : null;
    List<Map<String, Object>> steps = new ArrayList<>();
    Map<String, String> reports = new LinkedHashMap<>();
    if (result != null) {
      for (StepResult s : result.steps()) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", s.id());
        step.put("action", s.action());
        step.put("verdict", s.verdict().name());
        step.put("message", s.message());
        step.put("durationMillis", s.durationMillis());
        steps.add(step);
      }
      reports.put("json", record.reportDir().resolve("report.json").toString());
      reports.put("statement", record.reportDir().resolve("statement.json").toString());
      reports.put("key", record.reportDir().resolve("report-signing.pub").toString());
      reports.put("markdown", record.reportDir().resolve("report.md").toString());
      reports.put("junit", record.reportDir().resolve("junit.xml").toString());
      reports.put("html", record.reportDir().resolve("report.html").toString());
    }
    return new RunView(
        record.id(),
        record.state(),
        record.request().skill(),
        record.request().sandbox().orElse(null),
        record.createdAt(),
        result == null ? null : result.verdict().name(),
        result == null ? record.failure() : result.message(),
        steps,
        reports,
        record.progress());
  }
}
