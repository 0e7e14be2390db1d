package dev.prooflane.server.sandboxes;

import dev.prooflane.actions.policy.SandboxQuota;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which sandboxes a list shows: those whose name, routing key, owner or a forked service contains
 * {@code text} (ignoring case), in {@code phase}, owned by {@code owner}; each unset part matches
 * every sandbox.
 *
 * @param text a part of the name, key, owner or a forked service, or null
 * @param phase the phase, or null
 * @param owner the owner (the token name that created it), or null
 */
public record SandboxFilter(String text, SandboxPhase phase, String owner)
    implements Predicate<Sandbox> {
  public SandboxFilter {
    text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    owner = owner == null || owner.isBlank() ? null : owner.strip();
  }

  /**
   * The filter of the query parameters {@code q}, {@code phase} (a phase name, any case) and {@code
   * owner}.
   *
   * @throws IllegalArgumentException naming the phases when {@code phase} is none of them
   */
  public static SandboxFilter of(String q, String phase, String owner) {
    SandboxPhase p = null;
    if (phase != null && !phase.isBlank()) {
      try {
        p = SandboxPhase.valueOf(phase.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "phase: '"
                + phase
                + "' (expected one of: "
                + java.util.Arrays.toString(SandboxPhase.values())
                + ")",
            e);
      }
    }
    return new SandboxFilter(q, p, owner);
  }

  @Override
  public boolean test(Sandbox sandbox) {
    String owns = sandbox.spec().labels().get(SandboxQuota.OWNER_LABEL);
    return (phase == null || sandbox.phase() == phase)
        && (owner == null || owner.equals(owns))
        && (text == null
            || contains(sandbox.name())
            || contains(sandbox.routingKey().value())
            || contains(owns)
            || sandbox.spec().forks().stream().map(Fork::service).anyMatch(this::contains));
  }

  private boolean contains(String value) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(text);
  }
}
