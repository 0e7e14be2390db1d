package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an action returns: a verdict, outputs later steps read, and the evidence behind it.
 *
 * @param verdict PASS, FAIL or ERROR
 * @param message a one-line summary (why it failed, or what it did)
 * @param outputs values later steps read as {@code steps.ID.outputs}
 * @param assertions everything checked
 * @param exchanges HTTP requests sent and responses received
 * @param logs log lines captured
 * @param children results of nested steps (a called skill)
 */
public record ActionResult(
    Verdict verdict,
    String message,
    Map<String, Object> outputs,
    List<Assertion> assertions,
    List<Exchange> exchanges,
    List<CapturedLog> logs,
    List<StepResult> children) {
  public ActionResult {
    requireNonNull(verdict, "verdict");
    requireNonNull(message, "message");
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    assertions = List.copyOf(assertions);
    exchanges = List.copyOf(exchanges);
    logs = List.copyOf(logs);
    children = List.copyOf(children);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a result; the verdict is FAIL when any assertion failed, else PASS, unless set. */
  public static final class Builder {
    private Verdict verdict;
    private String message = "";
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final List<Assertion> assertions = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<CapturedLog> logs = new ArrayList<>();
    private final List<StepResult> children = new ArrayList<>();

    public Builder verdict(Verdict v) {
      this.verdict = v;
      return this;
    }

    public Builder message(String m) {
      this.message = m;
      return this;
    }

    public Builder output(String name, Object value) {
      outputs.put(name, value);
      return this;
    }

    public Builder outputs(Map<String, Object> values) {
      outputs.putAll(values);
      return this;
    }

    public Builder assertion(Assertion a) {
      assertions.add(a);
      return this;
    }

    public Builder exchange(Exchange e) {
      exchanges.add(e);
      return this;
    }

    public Builder log(CapturedLog l) {
      logs.add(l);
      return this;
    }

    public Builder child(StepResult c) {
      children.add(c);
      return this;
    }

    public ActionResult build() {
      Verdict v = verdict;
      if (v == null) {
        v = assertions.stream().allMatch(Assertion::passed) ? Verdict.PASS : Verdict.FAIL;
      }
      String m = message;
      if (m.isEmpty() && v == Verdict.FAIL) {
        m =
            assertions.stream()
                .filter(a -> !a.passed())
                .map(a -> a.path() + ": " + a.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("failed");
      }
      return new ActionResult(v, m, outputs, assertions, exchanges, logs, children);
    }
  }
}
