package dev.prooflane.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.prooflane.local.store.StateStore;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxView;
import java.time.Instant;
import java.util.List;

/**
 * The pure part of a sandbox creation, which a daemon runs once on a sample as soon as it is ready
 * (see {@code Daemon}): the request's spec parsed, a routing key drawn, the sandbox encoded as the
 * state database stores it and as the API answers it. The sample is never stored, routed, audited
 * or started. A fresh daemon's first creation then finds Jackson's serializers for those types made
 * and the random generator seeded instead of making them itself: they were most of what it paid
 * beyond later creations once the start-up archive had its classes (bench/sandbox-overhead.sh).
 */
final class FirstCreation {
  private FirstCreation() {}

  /** The creation's parsing and encoding on a sample; returns the sample as the API shows it. */
  static String rehearse() throws JsonProcessingException {
    SandboxSpec spec =
        SandboxSpecReader.parse(
            "<rehearsal>",
            "{\"name\": \"rehearsal\", \"ttl\": \"30m\", \"forks\": [{\"service\": \"sample\"}]}");
    Instant now = Instant.now();
    // as Sandboxes.create makes a starting sandbox
    Sandbox sample =
        new Sandbox(
            spec,
            RoutingKey.generate(),
            SandboxPhase.STARTING,
            now,
            spec.ttl().map(now::plus),
            List.of(),
            "forks starting");
    StateStore.encode(sample);
    return Json.write(SandboxView.of(sample));
  }
}
