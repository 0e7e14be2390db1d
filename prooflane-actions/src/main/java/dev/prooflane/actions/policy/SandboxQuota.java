package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.Durations;
import dev.prooflane.model.SandboxSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How many sandboxes may exist and for how long: the {@code sandboxes:} section of the policy.
 *
 * @param perOwner sandboxes one owner (the token's name) may have at once
 * @param total sandboxes that may exist at once
 * @param maxTtl the longest TTL a sandbox may ask for; a sandbox without one gets it; empty for no
 *     bound
 * @param maxBranches the database branches one sandbox may ask for (docs/databases.md): with {@code
 *     total}, at most {@code total * maxBranches} branches take disk space at once
 */
public record SandboxQuota(int perOwner, int total, Optional<Duration> maxTtl, int maxBranches) {
  /** The label that holds a sandbox's owner; the daemon sets it, whatever the request said. */
  public static final String OWNER_LABEL = "prooflane.dev/owner";

  private static final int DEFAULT_MAX_BRANCHES = 4;

  /** 10 per owner, 50 in total, no TTL bound, 4 database branches per sandbox. */
  public static final SandboxQuota DEFAULT =
      new SandboxQuota(10, 50, Optional.empty(), DEFAULT_MAX_BRANCHES);

  public SandboxQuota {
    if (perOwner < 1) {
      throw new IllegalArgumentException("perOwner: " + perOwner + " (expected: > 0)");
    }
    if (total < 1) {
      throw new IllegalArgumentException("total: " + total + " (expected: > 0)");
    }
    requireNonNull(maxTtl, "maxTtl");
    if (maxBranches < 0) {
      throw new IllegalArgumentException("maxBranches: " + maxBranches + " (expected: >= 0)");
    }
  }

  /** A quota with the default limit of database branches. */
  public SandboxQuota(int perOwner, int total, Optional<Duration> maxTtl) {
    this(perOwner, total, maxTtl, DEFAULT_MAX_BRANCHES);
  }

  /**
   * Admits a new sandbox of {@code owner} next to {@code existing} ones (their labels).
   *
   * @param source the policy's file, for the fix
   * @return the spec to create: owned by {@code owner}, with the TTL bound applied
   * @throws PolicyRefusedException naming {@code sandboxes.maxTtl}, {@code sandboxes.perOwner},
   *     {@code sandboxes.total} or {@code sandboxes.maxBranches}
   */
  public SandboxSpec admit(
      SandboxSpec spec, String owner, Collection<Map<String, String>> existing, String source) {
    Optional<Duration> ttl = spec.ttl();
    if (maxTtl.isPresent()) {
      if (ttl.isPresent() && ttl.get().compareTo(maxTtl.get()) > 0) {
        throw new PolicyRefusedException(
            "sandboxes.maxTtl",
            "sandbox '"
                + spec.name()
                + "' asks for ttl "
                + Durations.format(ttl.get())
                + ", more than the limit of "
                + Durations.format(maxTtl.get())
                + "; ask for less or raise sandboxes.maxTtl in "
                + source);
      }
      ttl = Optional.of(ttl.orElse(maxTtl.get()));
    }
    if (spec.databases().size() > maxBranches) {
      throw new PolicyRefusedException(
          "sandboxes.maxBranches",
          "sandbox '"
              + spec.name()
              + "' asks for "
              + spec.databases().size()
              + " database branches, more than the limit of "
              + maxBranches
              + "; branch fewer databases or raise sandboxes.maxBranches in "
              + source);
    }
    if (existing.size() >= total) {
      throw new PolicyRefusedException(
          "sandboxes.total",
          "sandbox '"
              + spec.name()
              + "' would be sandbox "
              + (existing.size() + 1)
              + ", over the limit of "
              + total
              + "; delete one (prooflane sandbox delete NAME) or raise sandboxes.total in "
              + source);
    }
    long own =
        existing.stream().filter(labels -> Objects.equals(labels.get(OWNER_LABEL), owner)).count();
    if (own >= perOwner) {
      throw new PolicyRefusedException(
          "sandboxes.perOwner",
          "'"
              + owner
              + "' has "
              + own
              + " sandbox"
              + (own == 1 ? "" : "es")
              + " already, the limit is "
              + perOwner
              + "; delete one (prooflane sandbox list, then sandbox delete NAME) or raise"
              + " sandboxes.perOwner in "
              + source);
    }
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.put(OWNER_LABEL, owner);
    return new SandboxSpec(
        spec.name(), spec.routingKey(), ttl, labels, spec.forks(), spec.databases());
  }
}
