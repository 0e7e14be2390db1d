package dev.prooflane.actions.wait;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.Deferred;
import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.model.NotFoundException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wait}: runs another action again and again until a CEL condition on its latest result
 * holds, bounded by a number of attempts and by the step's time. A condition that never held FAILs
 * the step.
 */
public final class WaitAction implements Action {
  private static final Set<String> KNOWN =
      Set.of("action", "with", "until", "interval", "attempts");
  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
  private static final int SUMMARY_CHARS = 400;

  /** Time kept back to report a condition that never held before the step times out. */
  private static final Duration RESERVE = Duration.ofMillis(200);

  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "wait",
          "Run an action repeatedly until a CEL condition on its result holds, bounded by attempts"
              + " and time.",
          List.of(
              Field.required("action", "string", "the action to run, such as http"),
              Field.optional("with", "object", "its inputs"),
              Field.required(
                  "until",
                  "expression",
                  "a ${{ }} condition on result.outputs and result.verdict of the latest attempt"),
              Field.optional("interval", "duration", "the pause between attempts; default 200ms"),
              Field.optional("attempts", "integer", "the most attempts; default 30")),
          List.of(
              Field.required("attempts", "integer", "how many attempts ran"),
              Field.required("held", "boolean", "whether the condition held"),
              Field.required("result", "object", "the outputs of the latest attempt")),
          """
          - id: shipped
            action: wait
            with:
              action: http
              with: { service: orders, path: /orders/${{ steps.order.outputs.body.id }} }
              until: ${{ result.outputs.body.status == "SHIPPED" }}
              interval: 500ms
              attempts: 20
          """);

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** {@code until:} is evaluated against each attempt's {@code result}. */
  @Override
  public Set<String> deferredFields() {
    return Set.of("until");
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    String action = input.string("action");
    Map<String, Object> with = input.map("with");
    Deferred until =
        input
            .deferred("until")
            .orElseThrow(() -> input.error("until", "missing (a ${{ }} condition on result)"));
    Duration interval = input.duration("interval").orElse(DEFAULT_INTERVAL);
    long attempts = input.integer("attempts", 30);
    if (attempts < 1 || attempts > 10_000) {
      throw input.error("attempts", attempts + " (expected: 1 to 10000)");
    }
    long start = System.nanoTime();
    ActionResult last = null;
    String problem = null;
    int attempt = 0;
    while (true) {
      attempt++;
      long attemptStart = System.nanoTime();
      try {
        last = context.runAction(action, with);
        problem = null;
      } catch (ActionInputException | NotFoundException e) {
        throw e;
      } catch (InterruptedException | PolicyRefusedException e) {
        throw e; // a refusal does not go away by asking again
      } catch (Exception e) {
        last = null;
        problem = e.getMessage();
      }
      if (last != null) {
        try {
          if (holds(until, input, last)) {
            return result(last, attempt, true)
                .assertion(
                    Assertion.passed(until.source(), "held after " + attempt + " attempt(s)"))
                .message("held after " + attempt + " attempt(s)")
                .build();
          }
        } catch (ExpressionException e) {
          problem = e.getMessage();
        }
      }
      Duration attemptTook = Duration.ofNanos(System.nanoTime() - attemptStart);
      if (attempt >= attempts
          || context.remaining().compareTo(interval.plus(attemptTook).plus(RESERVE)) < 0) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    String why =
        "did not hold after "
            + attempt
            + " attempt(s) in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms; last attempt: "
            + (problem != null ? problem : summary(last));
    return result(last, attempt, false)
        .assertion(Assertion.failed(until.source(), why, true, false))
        .message(why)
        .build();
  }

  private static boolean holds(Deferred until, ActionInput input, ActionResult last) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("outputs", last.outputs());
    result.put("verdict", last.verdict().name());
    result.put("message", last.message());
    Object value = until.evaluate(Map.of("result", result));
    if (value instanceof Boolean b) {
      return b;
    }
    throw input.error("until", "expected true or false, got " + Values.text(value));
  }

  private static ActionResult.Builder result(ActionResult last, int attempts, boolean held) {
    ActionResult.Builder b =
        ActionResult.builder()
            .output("attempts", (long) attempts)
            .output("held", held)
            .output("result", last == null ? Map.of() : last.outputs());
    if (last != null) {
      last.exchanges().forEach(b::exchange);
      last.logs().forEach(b::log);
    }
    return b;
  }

  /** The verdict and each output cut short, so that no one bulky output hides the others. */
  private static String summary(ActionResult last) {
    StringBuilder text = new StringBuilder(last.verdict().name());
    last.outputs()
        .forEach(
            (name, value) -> {
              String v = Values.text(value);
              text.append(", ")
                  .append(name)
                  .append('=')
                  .append(v.length() > 60 ? v.substring(0, 60) + "..." : v);
            });
    return text.length() > SUMMARY_CHARS
        ? text.substring(0, SUMMARY_CHARS) + "..."
        : text.toString();
  }
}
