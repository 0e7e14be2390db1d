package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An action to run by name with plain inputs, such as the request an action package knows how to
 * send again ({@link ActionContext#runAction} runs one).
 *
 * @param action the action's name
 * @param with its inputs, as plain values (no expressions)
 */
public record ActionCall(String action, Map<String, Object> with) {
  public ActionCall {
    requireNonNull(action, "action");
    with = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(with, "with")));
  }
}
