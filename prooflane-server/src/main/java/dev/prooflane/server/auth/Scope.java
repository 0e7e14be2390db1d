package dev.prooflane.server.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** What a token may do; {@link #POLICY_ADMIN} grants every scope. */
public enum Scope {
  SANDBOX_READ("sandbox:read"),
  SANDBOX_WRITE("sandbox:write"),
  SKILL_RUN("skill:run"),
  POLICY_ADMIN("policy:admin"),
  /**
   * Lets a {@code sandbox:write} caller's forks run a command of their own (a fork {@code command},
   * an artifact from outside the policy's {@code forks.artifacts}), within {@code forks.commands}.
   */
  SANDBOX_EXEC("sandbox:exec"),
  /**
   * Lets a caller add hops that did not pass the router: the records a message consumer received
   * ({@code POST /kafka/consumptions}). The daemon's {@code services} token has it.
   */
  HOPS_WRITE("hops:write");

  private final String text;

  Scope(String text) {
    this.text = text;
  }

  /** The scope as tokens and the API spell it, such as {@code sandbox:read}. */
  public String text() {
    return text;
  }

  /** The scope spelled {@code text}; an {@link IllegalArgumentException} names the valid ones. */
  public static Scope of(String text) {
    return Arrays.stream(values())
        .filter(s -> s.text.equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "scope: '"
                        + text
                        + "' (expected one of: "
                        + Arrays.stream(values()).map(Scope::text).collect(Collectors.joining(", "))
                        + ")"));
  }

  /** Whether {@code held} grants this scope. */
  public boolean grantedBy(Collection<Scope> held) {
    return held.contains(this) || held.contains(POLICY_ADMIN);
  }

  @Override
  public String toString() {
    return text;
  }
}
