package dev.prooflane.actions.probe;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.engine.KeyTrail;
import dev.prooflane.actions.http.HopPath;
import dev.prooflane.actions.http.KeyInjection;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.RuntimeAccess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one {@code GET} to a service's router address with a throwaway routing key (one no sandbox
 * has, so the router sends every hop to the baseline) in every configured carrier and a fresh
 * {@code traceparent}, waits until the router recorded the hops of its trace, and tells hop by hop
 * where the key and the trace travelled and where they stopped.
 */
public final class Probe {
  /** How long the service may take to answer. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** How long to wait at most for the hops of the probe the router is still forwarding. */
  private static final long SETTLE_NANOS = Duration.ofSeconds(5).toNanos();

  /** The router records a hop just after it answered: how long the hops must stay the same. */
  private static final long QUIET_NANOS = Duration.ofMillis(60).toNanos();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final SecureRandom RANDOM = new SecureRandom();

  private Probe() {}

  /**
   * Probes {@code path} of {@code service} through {@code runtime}.
   *
   * @throws dev.prooflane.model.NotFoundException when the environment has no such service
   * @throws IllegalArgumentException when {@code path} does not start with {@code /}
   */
  public static ProbeResult send(RuntimeAccess runtime, String service, String path)
      throws InterruptedException {
    requireNonNull(runtime, "runtime");
    requireNonNull(service, "service");
    requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "path: '" + path + "' (expected: a path starting with '/', such as /products/1)");
    }
    URI base = runtime.serviceUri(service);
    KeyNames names = runtime.keyNames();
    String key = "probe-" + RoutingKey.generate().value();
    String traceId = hex(16);
    String url = url(base, path, names, key);
    Map<String, String> headers = new LinkedHashMap<>();
    KeyInjection.headers(headers, names, key);
    headers.put("traceparent", "00-" + traceId + "-" + hex(8) + "-01");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
    headers.forEach(request::header);

    long cursor = runtime.hopCursor();
    int status = 0;
    String error = null;
    try {
      status = CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    List<HopEntry> all = settled(runtime, cursor, traceId, service);
    DropRecords drops = runtime.drops(key);
    KeyTrail trail = KeyTrail.of(key, runtime.services(), all, drops.records());
    List<ProbeHop> hops = hops(all, trail, key, traceId);
    List<ProbeStop> stops = new ArrayList<>();
    for (KeyTrail.Drop d : trail.drops()) {
      stops.add(
          new ProbeStop(
              d.service(),
              d.destination(),
              d.keyedHop().method(),
              d.keyedHop().path(),
              d.calledWithoutKey(),
              d.sameTrace(),
              d.callSites()));
    }
    return new ProbeResult(
        service,
        path,
        url,
        key,
        traceId,
        status,
        error,
        error == null && stops.isEmpty() && drops.records().isEmpty(),
        hops,
        stops,
        drops.records(),
        drops.malformedLines(),
        ProbeAdvice.of(stops, drops.records(), names));
  }

  /**
   * The hops since {@code cursor}, once the addressed service's hop of the trace is recorded, no
   * hop of the trace is in flight, and nothing new was recorded for a short while (calls that lost
   * the trace are not followed in flight, but ended before their caller answered).
   */
  private static List<HopEntry> settled(
      RuntimeAccess runtime, long cursor, String traceId, String service)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_NANOS;
    List<HopEntry> last = List.of();
    long quietSince = System.nanoTime();
    while (true) {
      List<HopEntry> hops = runtime.hopsSince(cursor);
      long now = System.nanoTime();
      if (hops.size() != last.size()) {
        last = hops;
        quietSince = now;
      }
      boolean addressed =
          hops.stream().anyMatch(h -> traceId.equals(h.traceId()) && h.service().equals(service));
      if ((addressed && !runtime.hopsInFlight(traceId) && now - quietSince >= QUIET_NANOS)
          || now >= deadline) {
        return hops;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for the probe's hops");
      }
    }
  }

  /**
   * The probe's hops among {@code all}: those with its key or trace, the calls charged to a keyed
   * hop by time, and the hops of the traces those calls began.
   */
  private static List<ProbeHop> hops(
      List<HopEntry> all, KeyTrail trail, String key, String traceId) {
    Set<String> traces = new LinkedHashSet<>();
    Map<Long, HopEntry> mine = new TreeMap<>();
    for (KeyTrail.Drop d : trail.drops()) {
      for (HopEntry h : d.unkeyedHops()) {
        mine.put(h.seq(), h);
        if (h.traceId() != null && !h.traceId().equals(traceId)) {
          traces.add(h.traceId());
        }
      }
    }
    for (HopEntry h : all) {
      if (key.equals(h.routingKey())
          || traceId.equals(h.traceId())
          || (h.traceId() != null && traces.contains(h.traceId()))) {
        mine.put(h.seq(), h);
      }
    }
    return mine.values().stream()
        .sorted(HopPath.ARRIVAL)
        .map(h -> ProbeHop.of(h, key, traceId))
        .toList();
  }

  /** The router address, the path, and the key as a query parameter when one is configured. */
  private static String url(URI base, String path, KeyNames names, String key) {
    String root = base.toString();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (names.query().isEmpty()) {
      return root + path;
    }
    return root
        + path
        + (path.contains("?") ? "&" : "?")
        + URLEncoder.encode(names.query().get(), StandardCharsets.UTF_8)
        + "="
        + key;
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
