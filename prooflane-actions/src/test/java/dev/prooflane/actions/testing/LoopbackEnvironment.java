package dev.prooflane.actions.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.RecordPosition;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.runtime.DatabaseLogin;
import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.PropagationDrop;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A whole environment on loopback for tests: one router listener per service (real HTTP), which
 * routes a request carrying a sandbox's key (in any form) to that sandbox's fork of the service and
 * everything else to the baseline instance, records a hop just after answering (with the time the
 * request arrived, as the real router does), and keeps each instance's log in memory. With {@link
 * #kafka} it declares a broker, and {@link TestConsumer}s stand for consuming instances. With
 * {@link #database} and {@link #branch} it answers where a database is, as a runtime with a {@code
 * postgres:} section does.
 */
public final class LoopbackEnvironment implements RuntimeAccess, AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final List<String> PROPAGATED =
      List.of("traceparent", "tracestate", "baggage", "x-prooflane-key");

  private final KeyNames names;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, HttpServer> routers = new TreeMap<>();
  private final Map<String, URI> uris = new TreeMap<>();
  private final Map<String, Instance> baseline = new TreeMap<>();
  private final Map<String, SandboxInfo> sandboxes = new TreeMap<>();
  private final Map<String, Map<String, Instance>> forks = new TreeMap<>();
  private final Map<String, List<LogEntry>> logs = new LinkedHashMap<>();
  private final List<HopEntry> hops = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<PropagationDrop> drops = new CopyOnWriteArrayList<>();
  private long logSeq;
  private String kafkaBootstrap;
  private final Map<String, DatabaseLogin> databases = new TreeMap<>();
  private final Map<String, DatabaseLogin> branches = new TreeMap<>();

  public LoopbackEnvironment(KeyNames names) {
    this.names = names;
  }

  public LoopbackEnvironment() {
    this(KeyNames.DEFAULT);
  }

  /** Adds a service with its baseline instance, behind its own router listener. */
  public LoopbackEnvironment service(String name, Instance instance) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> route(name, exchange));
    server.setExecutor(executor);
    server.start();
    routers.put(name, server);
    uris.put(name, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    baseline.put(name, instance);
    return this;
  }

  /** Adds a READY sandbox forking {@code forked} services with their fork instances. */
  public LoopbackEnvironment sandbox(String name, String key, Map<String, Instance> forked) {
    sandboxes.put(
        name, new SandboxInfo(name, new RoutingKey(key), List.copyOf(forked.keySet()), "READY"));
    forks.put(name, Map.copyOf(forked));
    return this;
  }

  /** Declares the environment's Kafka broker, as a {@code kafka:} section does. */
  public LoopbackEnvironment kafka(String bootstrap) {
    this.kafkaBootstrap = bootstrap;
    return this;
  }

  /**
   * Records a consumption hop, as a consumer's routing interceptor reports one.
   *
   * @param instance {@code baseline} or the sandbox whose fork consumed the record
   */
  public void consumed(
      String service, String instance, String traceId, String key, RecordPosition record) {
    synchronized (hops) {
      hops.add(
          new HopEntry(
              hops.size() + 1,
              Instant.now(),
              traceId,
              key,
              service,
              instance,
              "CONSUME",
              record.topic(),
              0,
              0,
              record));
    }
  }

  @Override
  public Optional<String> kafkaBootstrap() {
    return Optional.ofNullable(kafkaBootstrap);
  }

  /** Declares database {@code name} of the environment, at {@code baseline}. */
  public LoopbackEnvironment database(String name, DatabaseLogin baseline) {
    databases.put(name, baseline);
    return this;
  }

  /** Gives {@code sandbox} a branch of database {@code name}, at {@code branch}. */
  public LoopbackEnvironment branch(String sandbox, String name, DatabaseLogin branch) {
    branches.put(sandbox + "/" + name, branch);
    return this;
  }

  /** The sandbox's branch when it has one, else the baseline's database, as the contract says. */
  @Override
  public Optional<DatabaseLogin> database(String database, Optional<String> sandbox) {
    DatabaseLogin baseline = databases.get(database);
    if (baseline == null) {
      return Optional.empty();
    }
    return Optional.of(sandbox.map(s -> branches.get(s + "/" + database)).orElse(baseline));
  }

  /** Stops a service's router, so that calls to it are refused. */
  public void stop(String service) {
    routers.get(service).stop(0);
  }

  /** Every request the routers received for {@code service}, oldest first. */
  public List<Received> received(String service) {
    return received.stream().filter(r -> r.service().equals(service)).toList();
  }

  /**
   * Calls {@code service} from inside an instance, forwarding the trace context and the key the way
   * an instrumented service does, or not at all when {@code propagate} is false.
   */
  public Reply call(String service, String path, Received incoming, boolean propagate)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uris.get(service) + path));
    for (String header : PROPAGATED) {
      String value = incoming.header(header);
      if (value != null && (propagate || header.equals("traceparent"))) {
        request.header(header, value);
      }
    }
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), Map.of(), response.body());
  }

  /**
   * Calls {@code service} from inside an instance without any context: no key and no trace, as a
   * service that builds its own client request does.
   */
  public Reply callWithoutContext(String service, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(uris.get(service) + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), Map.of(), response.body());
  }

  private void route(String service, HttpExchange exchange) throws IOException {
    Instant arrived = Instant.now();
    long start = System.nanoTime();
    // in flight, as at the router, from arrival until the hop is recorded after the answer
    String traceId = traceId(exchange.getRequestHeaders().getFirst("traceparent"));
    if (traceId != null) {
      inFlight.merge(traceId, 1, Integer::sum);
    }
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    String query = exchange.getRequestURI().getRawQuery();
    String key = key(headers, query);
    String destination = "baseline";
    Instance instance = baseline.get(service);
    if (key != null) {
      for (SandboxInfo s : sandboxes.values()) {
        if (s.key().value().equals(key) && forks.get(s.name()).containsKey(service)) {
          destination = s.name();
          instance = forks.get(s.name()).get(service);
        }
      }
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Received request =
        new Received(
            service,
            destination,
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            query,
            headers,
            body);
    received.add(request);
    String instanceName = service + "@" + destination;
    Reply reply;
    try {
      reply =
          instance.handle(
              request,
              new Instance.InstanceLog() {
                @Override
                public void out(String line) {
                  log(instanceName, "stdout", line);
                }

                @Override
                public void err(String line) {
                  log(instanceName, "stderr", line);
                }
              });
    } catch (Exception e) {
      reply = Reply.text(500, "instance failed: " + e);
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    exchange.close();
    synchronized (hops) {
      hops.add(
          new HopEntry(
              hops.size() + 1,
              arrived,
              traceId,
              key,
              service,
              destination,
              request.method(),
              request.path(),
              reply.status(),
              (System.nanoTime() - start) / 1000));
    }
    if (traceId != null) {
      inFlight.computeIfPresent(traceId, (id, n) -> n == 1 ? null : n - 1);
    }
  }

  private static String traceId(String traceparent) {
    return traceparent != null && traceparent.split("-").length == 4
        ? traceparent.split("-")[1]
        : null;
  }

  /** The key in any carrier: the plain header, a baggage or tracestate member, the query. */
  private String key(Map<String, List<String>> headers, String query) {
    List<String> found = new ArrayList<>();
    Optional.ofNullable(headers.get(names.header())).ifPresent(found::addAll);
    for (String carrier : List.of("baggage", "tracestate")) {
      String member = carrier.equals("baggage") ? names.baggage() : names.tracestate();
      for (String line : headers.getOrDefault(carrier, List.of())) {
        for (String m : line.split(",")) {
          String[] kv = m.trim().split("=", 2);
          if (kv.length == 2 && kv[0].trim().equals(member)) {
            found.add(kv[1].split(";")[0].trim());
          }
        }
      }
    }
    if (names.query().isPresent() && query != null) {
      for (String p : query.split("&")) {
        String[] kv = p.split("=", 2);
        if (kv.length == 2
            && URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(names.query().get())) {
          found.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
      }
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** Writes a line to an instance's log: {@code service@baseline} or {@code service@sandbox}. */
  public synchronized void log(String instance, String stream, String text) {
    logs.computeIfAbsent(instance, k -> new ArrayList<>())
        .add(new LogEntry(++logSeq, Instant.now(), stream, text));
  }

  @Override
  public String environment() {
    return "loopback";
  }

  @Override
  public KeyNames keyNames() {
    return names;
  }

  @Override
  public Set<String> services() {
    return uris.keySet();
  }

  @Override
  public URI serviceUri(String service) {
    URI uri = uris.get(service);
    if (uri == null) {
      throw new NotFoundException("service", service, "");
    }
    return uri;
  }

  @Override
  public Optional<SandboxInfo> sandbox(String name) {
    return Optional.ofNullable(sandboxes.get(name));
  }

  @Override
  public synchronized long logCursor(String service, Optional<String> sandbox) {
    return logSeq;
  }

  @Override
  public synchronized List<LogEntry> logsSince(
      String service, Optional<String> sandbox, long cursor) {
    return logs.getOrDefault(service + "@" + sandbox.orElse("baseline"), List.of()).stream()
        .filter(l -> l.seq() > cursor)
        .toList();
  }

  @Override
  public long hopCursor() {
    return hops.size();
  }

  @Override
  public boolean hopsInFlight(String traceId) {
    return inFlight.containsKey(traceId);
  }

  /** Records what a drop detector in an instance would: a call made without the key. */
  public void recordDrop(PropagationDrop drop) {
    drops.add(drop);
  }

  @Override
  public DropRecords drops(String key) {
    return new DropRecords(drops.stream().filter(d -> d.key().equals(key)).toList(), 0);
  }

  @Override
  public List<HopEntry> hopsSince(long cursor) {
    return hops.stream().filter(h -> h.seq() > cursor).toList();
  }

  @Override
  public void close() {
    routers.values().forEach(s -> s.stop(0));
    executor.shutdownNow();
  }
}
