package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.KeyNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the interceptor reaches the Kubernetes API server when the routes come from the Sandbox
 * resources: by default what Kubernetes gives every pod (the {@code KUBERNETES_SERVICE_HOST} and
 * {@code KUBERNETES_SERVICE_PORT} variables, the service account's token, CA and namespace files),
 * each overridable by a consumer property.
 *
 * @param apiServer the API server's base URL: https, or http on a loopback address only (tests)
 * @param tokenFile the bearer token's file, read again for every request (Kubernetes rotates it)
 * @param caFile the certificates that sign the API server's, for https
 * @param namespace the namespace whose Sandboxes are watched: the consumer's own
 * @param keyNames where records carry the key: the operator's names ({@link KeyNames#DEFAULT})
 *     unless {@code prooflane.key.baggage}, {@code .tracestate}, {@code .header} (or {@code
 *     PROOFLANE_KEY_BAGGAGE}...) say otherwise
 */
record ClusterSettings(
    URI apiServer, Path tokenFile, Optional<Path> caFile, String namespace, KeyNames keyNames) {
  /** Where Kubernetes mounts a pod's service account. */
  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  static final String API_SERVER = "prooflane.kubernetes.api";
  static final String TOKEN_FILE = "prooflane.kubernetes.token.file";
  static final String CA_FILE = "prooflane.kubernetes.ca.file";
  static final String NAMESPACE = "prooflane.kubernetes.namespace";
  static final String KEY_BAGGAGE = "prooflane.key.baggage";
  static final String KEY_TRACESTATE = "prooflane.key.tracestate";
  static final String KEY_HEADER = "prooflane.key.header";

  ClusterSettings {
    requireNonNull(apiServer, "apiServer");
    requireNonNull(tokenFile, "tokenFile");
    requireNonNull(caFile, "caFile");
    requireNonNull(namespace, "namespace");
    requireNonNull(keyNames, "keyNames");
  }

  /** The settings of a consumer in a pod, its service account mounted at the usual place. */
  static ClusterSettings from(Map<String, ?> configs, Function<String, String> env) {
    return from(configs, env, SERVICE_ACCOUNT);
  }

  /** The settings of a consumer whose service account is mounted at {@code serviceAccount}. */
  static ClusterSettings from(
      Map<String, ?> configs, Function<String, String> env, Path serviceAccount) {
    requireNonNull(configs, "configs");
    requireNonNull(env, "env");
    requireNonNull(serviceAccount, "serviceAccount");
    URI apiServer = apiServer(text(configs, API_SERVER).orElseGet(() -> inCluster(env)));
    Path tokenFile =
        readable(
            text(configs, TOKEN_FILE).map(Path::of).orElse(serviceAccount.resolve("token")),
            TOKEN_FILE,
            "the service account's token");
    Optional<Path> caFile =
        apiServer.getScheme().equals("https")
            ? Optional.of(
                readable(
                    text(configs, CA_FILE).map(Path::of).orElse(serviceAccount.resolve("ca.crt")),
                    CA_FILE,
                    "the certificates of the API server's CA, in PEM"))
            : Optional.empty();
    String namespace =
        text(configs, NAMESPACE)
            .orElseGet(
                () ->
                    read(
                        readable(
                            serviceAccount.resolve("namespace"),
                            NAMESPACE,
                            "the consumer's namespace")));
    KeyNames keyNames =
        new KeyNames(
            keyName(configs, env, KEY_BAGGAGE, KeyNames.DEFAULT.baggage()),
            keyName(configs, env, KEY_TRACESTATE, KeyNames.DEFAULT.tracestate()),
            keyName(configs, env, KEY_HEADER, KeyNames.DEFAULT.header()),
            Optional.empty());
    return new ClusterSettings(apiServer, tokenFile, caFile, namespace, keyNames);
  }

  private static Optional<String> text(Map<String, ?> configs, String property) {
    Object value = configs.get(property);
    return Optional.ofNullable(value).map(v -> v.toString().trim()).filter(t -> !t.isEmpty());
  }

  /** A key name from its property, else its variable ({@code PROOFLANE_KEY_BAGGAGE}...). */
  private static String keyName(
      Map<String, ?> configs, Function<String, String> env, String property, String otherwise) {
    return text(configs, property)
        .or(
            () ->
                Optional.ofNullable(env.apply(property.toUpperCase(Locale.ROOT).replace('.', '_')))
                    .map(String::trim)
                    .filter(t -> !t.isEmpty()))
        .orElse(otherwise);
  }

  /** {@code https://host:port} from the variables Kubernetes sets in every pod. */
  private static String inCluster(Function<String, String> env) {
    String host = env.apply(RoutesFrom.IN_CLUSTER_ENV);
    if (host == null || host.isBlank()) {
      throw new ConfigException(
          API_SERVER
              + ": missing (expected: the API server's URL, such as https://10.96.0.1:443; in a"
              + " pod Kubernetes sets KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT)");
    }
    String port = env.apply("KUBERNETES_SERVICE_PORT");
    String h = host.trim();
    return "https://"
        + (h.contains(":") ? "[" + h + "]" : h)
        + ":"
        + (port == null || port.isBlank() ? "443" : port.trim());
  }

  private static URI apiServer(String text) {
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
        return uri;
      }
      if ("http".equals(uri.getScheme()) && uri.getHost() != null && loopback(uri.getHost())) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the value and what is expected
    }
    throw new ConfigException(
        API_SERVER
            + ": '"
            + text
            + "' (expected: an https URL, such as https://10.96.0.1:443; http only on a"
            + " loopback address, for tests: the service account's token must not travel in"
            + " clear)");
  }

  private static boolean loopback(String host) {
    try {
      String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      for (InetAddress address : InetAddress.getAllByName(bare)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Path readable(Path file, String property, String what) {
    if (!Files.isReadable(file)) {
      throw new ConfigException(
          property
              + ": "
              + file
              + " is not a readable file (expected: "
              + what
              + "; Kubernetes mounts it in a pod whose service account token is mounted, see"
              + " automountServiceAccountToken)");
    }
    return file;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new ConfigException(NAMESPACE + ": cannot read " + file + " (" + e.getMessage() + ")");
    }
  }
}
