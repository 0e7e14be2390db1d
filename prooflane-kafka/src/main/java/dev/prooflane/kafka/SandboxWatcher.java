package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.model.KeyNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes of the Sandbox resources in the consumer's namespace: a daemon thread LISTs
 * {@code sandboxes} on the API server, then WATCHes them from the list's resource version, and
 * lists again when the API server answers 410 Gone (the version is too old) or the connection
 * fails, with a growing delay. A watch that the API server ends (its timeout) is resumed from the
 * last version seen. Until the first LIST succeeds there are no routes (the interceptor holds its
 * batches); a later failure keeps the last routes in force, with a warning when it starts and every
 * {@code warnEvery} while it lasts.
 */
final class SandboxWatcher extends RoutesSource {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxWatcher.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The Sandbox CRD's group, version and plural ({@code dev.prooflane.kubernetes.crd.Sandbox}). */
  static final String GROUP = "prooflane.dev";

  static final String VERSION = "v1alpha1";
  static final String PLURAL = "sandboxes";

  /** How long the API server keeps one watch open before it ends it (and it is resumed). */
  static final Duration WATCH_TIMEOUT = Duration.ofMinutes(5);

  private final ClusterEndpoint cluster;
  private final KeyNames keyNames;
  private final String path;

  /** The Sandboxes with a key, by name: written by the thread only. */
  private final Map<String, RoutedSandbox> sandboxes = new TreeMap<>();

  private volatile InputStream watching;
  private long version;

  /** Watches the Sandboxes of the namespace of {@code settings} on its API server. */
  SandboxWatcher(ClusterSettings settings, Backoff backoff, Duration warnEvery) {
    super("prooflane-kafka-sandboxes", backoff, warnEvery);
    this.cluster = new ClusterEndpoint(requireNonNull(settings, "settings"));
    this.keyNames = settings.keyNames();
    this.path =
        "/apis/" + GROUP + "/" + VERSION + "/namespaces/" + settings.namespace() + "/" + PLURAL;
  }

  @Override
  String url() {
    return cluster.uri(path).toString();
  }

  @Override
  void run() {
    while (!isClosed()) {
      try {
        String resourceVersion = list();
        while (!isClosed()) {
          resourceVersion = watch(resourceVersion);
        }
        return;
      } catch (Gone e) {
        LOG.debug("Sandbox watch at version {} is gone; listing again", e.getMessage());
        continue;
      } catch (Refused | IOException e) {
        if (isClosed()) {
          return;
        }
        failed(
            e instanceof Refused
                ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
      if (pause()) {
        return;
      }
    }
  }

  /** Lists the Sandboxes, publishes their routes and returns the list's resource version. */
  private String list() throws IOException, InterruptedException {
    HttpResponse<String> response =
        cluster
            .client()
            .send(
                cluster.request(path, Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new Refused(refusal("LIST", response.statusCode(), response.body()));
    }
    JsonNode list = json(response.body());
    sandboxes.clear();
    for (JsonNode item : list.path("items")) {
      SandboxJson.routed(item).ifPresent(s -> sandboxes.put(s.name(), s));
    }
    publish();
    return SandboxJson.resourceVersion(list).orElse("");
  }

  /**
   * Watches from {@code resourceVersion} until the API server ends the watch; returns the last
   * version seen, from which the next watch resumes.
   */
  private String watch(String resourceVersion) throws IOException, InterruptedException {
    String query =
        "?watch=true&allowWatchBookmarks=true&timeoutSeconds="
            + WATCH_TIMEOUT.toSeconds()
            + (resourceVersion.isEmpty() ? "" : "&resourceVersion=" + resourceVersion);
    HttpResponse<InputStream> response =
        cluster
            .client()
            .send(
                cluster.request(path + query, Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    String version = resourceVersion;
    boolean any = false;
    try (InputStream body = response.body();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      if (response.statusCode() == 410) {
        throw new Gone(resourceVersion);
      }
      if (response.statusCode() != 200) {
        throw new Refused(
            refusal(
                "WATCH",
                response.statusCode(),
                new String(body.readNBytes(2_000), StandardCharsets.UTF_8)));
      }
      watching = body;
      if (isClosed()) {
        return version;
      }
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        any = true;
        version = apply(json(line), version);
      }
    } finally {
      watching = null;
    }
    if (!any && pause()) {
      // closed while pausing: an API server that ends watches at once is not called in a loop
      return version;
    }
    return version;
  }

  /** Applies one watch event; returns the resource version it brings. */
  private String apply(JsonNode event, String version) {
    String type = event.path("type").asText();
    JsonNode object = event.path("object");
    if (type.equals("ERROR")) {
      if (object.path("code").asInt() == 410) {
        throw new Gone(version);
      }
      throw new Refused("WATCH " + url() + " sent an error: " + excerpt(object.toString()));
    }
    String next = SandboxJson.resourceVersion(object).orElse(version);
    Optional<String> name = SandboxJson.name(object);
    switch (type) {
      case "ADDED", "MODIFIED" -> {
        Optional<RoutedSandbox> routed = SandboxJson.routed(object);
        if (name.isPresent() && !routed.equals(Optional.ofNullable(sandboxes.get(name.get())))) {
          routed.ifPresentOrElse(
              s -> sandboxes.put(s.name(), s), () -> sandboxes.remove(name.get()));
          publish();
        }
      }
      case "DELETED" -> {
        if (name.isPresent() && sandboxes.remove(name.get()) != null) {
          publish();
        }
      }
      default -> {
        // BOOKMARK: only the version moves
      }
    }
    recovered();
    return next;
  }

  /** Puts the sandboxes in force, as a new version when they changed. */
  private void publish() {
    List<RoutedSandbox> list = new ArrayList<>(sandboxes.values());
    Routes known = current();
    received(
        known != null && known.sandboxes().equals(list)
            ? known
            : new Routes(++version, keyNames, list));
  }

  private String refusal(String verb, int status, String body) {
    String hint =
        switch (status) {
          case 401 -> " (the service account's token was refused)";
          case 403 ->
              " (the consumer's service account needs get, list and watch on "
                  + PLURAL
                  + "."
                  + GROUP
                  + " in its namespace: see deploy/kubernetes/consumers)";
          case 404 -> " (is the Sandbox CRD installed? kubectl apply -k deploy/kubernetes)";
          default -> "";
        };
    return verb + " " + url() + ": HTTP " + status + hint + " " + excerpt(body);
  }

  private static JsonNode json(String text) throws IOException {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException("not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    super.close();
    InputStream body = watching;
    if (body != null) {
      try {
        body.close();
      } catch (IOException e) {
        // closing: the thread ends either way
      }
    }
  }

  /** The watch's resource version is too old: list again. */
  private static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Gone(String version) {
      super(version, null, false, false);
    }
  }

  /** The API server refused a call (or sent an error event), with what it said. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
