package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.prooflane.model.Durations;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.SandboxSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /sandboxes}: a sandbox as docs/sandboxes.md writes it; the daemon checks
 * it. Fields left null are not sent.
 *
 * @param name the sandbox name
 * @param routingKey the key to route on, or null to have one generated
 * @param ttl how long it lives, such as {@code 30m}, or null for the daemon's default
 * @param labels its labels, or null for none
 * @param forks the forked services
 * @param databases per database, the branch the sandbox's forks see, or null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxRequest(
    String name,
    String routingKey,
    String ttl,
    Map<String, String> labels,
    List<ForkRequest> forks,
    Map<String, BranchJson> databases) {
  public SandboxRequest {
    requireNonNull(name, "name");
    requireNonNull(forks, "forks");
  }

  /** A request without database branches. */
  public SandboxRequest(
      String name,
      String routingKey,
      String ttl,
      Map<String, String> labels,
      List<ForkRequest> forks) {
    this(name, routingKey, ttl, labels, forks, null);
  }

  /** The request for {@code spec}, as read from a sandbox file. */
  public static SandboxRequest of(SandboxSpec spec) {
    return new SandboxRequest(
        spec.name(),
        spec.routingKey().map(RoutingKey::value).orElse(null),
        spec.ttl().map(Durations::format).orElse(null),
        spec.labels(),
        spec.forks().stream().map(ForkRequest::of).toList(),
        spec.databases().isEmpty() ? null : branches(spec));
  }

  private static Map<String, BranchJson> branches(SandboxSpec spec) {
    Map<String, BranchJson> out = new LinkedHashMap<>();
    spec.databases().forEach((name, branch) -> out.put(name, BranchJson.of(branch)));
    return out;
  }
}
