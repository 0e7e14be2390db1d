package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import dev.prooflane.runtime.SandboxInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The write guard: a non-idempotent request (POST, PUT, PATCH, DELETE) that reaches the shared
 * baseline — sent without the routing key, or, with {@code forkedOnly}, to a service the sandbox
 * does not fork — is refused unless a rule of {@code allow} matches it.
 *
 * @param forkedOnly whether keyed writes must address a service the sandbox forks
 * @param allow the writes that may reach the baseline anyway
 */
public record WriteGuard(boolean forkedOnly, List<WriteRule> allow) {
  /** The methods that change state. */
  public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Keyed writes anywhere; unkeyed writes nowhere. */
  public static final WriteGuard DEFAULT = new WriteGuard(false, List.of());

  public WriteGuard {
    allow = List.copyOf(requireNonNull(allow, "allow"));
  }

  /**
   * Refuses a request that writes to the baseline without a matching rule.
   *
   * @param path the request path, with or without its query
   * @param keyed whether the routing key goes with it
   * @param sandbox the run's sandbox, or empty for a run against the baseline
   * @throws PolicyRefusedException naming the rule and the fix
   */
  public void check(
      String method, String service, String path, boolean keyed, Optional<SandboxInfo> sandbox) {
    if (!WRITES.contains(method)) {
      return;
    }
    boolean forked = sandbox.map(s -> s.forkedServices().contains(service)).orElse(false);
    if (keyed && (!forkedOnly || forked)) {
      return;
    }
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    if (allow.stream().anyMatch(r -> r.allows(service, method, bare))) {
      return;
    }
    String what = method + " " + bare;
    String rule =
        "writes.allow [{service: " + service + ", methods: [" + method + "], path: " + bare + "}]";
    if (keyed) {
      String name = sandbox.map(SandboxInfo::name).orElse("?");
      throw new PolicyRefusedException(
          "writes",
          what
              + " reaches the baseline service '"
              + service
              + "': sandbox '"
              + name
              + "' does not fork it and writes.forkedOnly is true; fork "
              + service
              + " in the sandbox or allow it with "
              + rule);
    }
    throw new PolicyRefusedException(
        "writes",
        what
            + " to the baseline service '"
            + service
            + "' is a write without the routing key; allow it with "
            + rule
            + (sandbox.isPresent()
                ? " or send it with the key (inject: true)"
                : " or run against a sandbox"));
  }
}
