package dev.prooflane.model.spec;

import dev.prooflane.model.KafkaSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code kafka:} section of an environment file: the broker the daemon starts ({@code
 * port}, {@code partitions}, {@code timeout}) or an existing one ({@code bootstrap}), and the
 * {@code topics} created on it. Each problem is reported at its field.
 */
final class KafkaSectionReader {
  private static final Set<String> FIELDS =
      Set.of("port", "partitions", "topics", "timeout", "bootstrap");
  private static final List<String> STARTED_ONLY = List.of("port", "partitions", "timeout");

  /** Kafka's own rule for a topic name (legal characters, at most 249 of them). */
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private static final Pattern ADDRESS =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})");

  private KafkaSectionReader() {}

  /** The section at {@code node}, or empty after reporting its problems. */
  static Optional<KafkaSection> read(SpecNode node) {
    if (node.isNull()) {
      return Optional.of(KafkaSection.started(List.of()));
    }
    if (!node.isMapping()) {
      node.entries(); // reports what it is instead
      return Optional.empty();
    }
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, FIELDS);
    boolean ok = true;
    Optional<String> bootstrap = Optional.empty();
    if (f.containsKey("bootstrap")) {
      bootstrap = Optional.ofNullable(bootstrap(f.get("bootstrap")));
      ok =
          ExternalServerFields.refuse(f, "bootstrap", STARTED_ONLY, "broker")
              && bootstrap.isPresent();
    }
    int port = 0;
    if (f.containsKey("port") && bootstrap.isEmpty()) {
      Integer p = f.get("port").integer(0, 65535);
      ok &= p != null;
      port = p == null ? 0 : p;
    }
    int partitions = KafkaSection.DEFAULT_PARTITIONS;
    if (f.containsKey("partitions") && bootstrap.isEmpty()) {
      Integer p = f.get("partitions").integer(1, 10_000);
      ok &= p != null;
      partitions = p == null ? partitions : p;
    }
    Duration timeout = KafkaSection.DEFAULT_TIMEOUT;
    if (f.containsKey("timeout") && bootstrap.isEmpty()) {
      Optional<Duration> t = f.get("timeout").positiveDuration();
      ok &= t.isPresent();
      timeout = t.orElse(timeout);
    }
    List<String> topics = f.containsKey("topics") ? topics(f.get("topics")) : List.of();
    if (topics == null || !ok) {
      return Optional.empty();
    }
    return Optional.of(new KafkaSection(port, partitions, topics, timeout, bootstrap));
  }

  /** The topic names, or null after reporting a problem. */
  private static List<String> topics(SpecNode node) {
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isSequence()) {
      return node.problem("expected a list of topic names, such as [orders, payments]");
    }
    Set<String> out = new LinkedHashSet<>();
    boolean ok = true;
    for (SpecNode item : node.items()) {
      String name = item.text();
      if (name == null) {
        ok = false;
      } else if (!TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
        item.problem(
            "'"
                + name
                + "' (expected: a topic name of at most 249 letters, digits, '.', '_' and '-')");
        ok = false;
      } else if (!out.add(name)) {
        item.problem("'" + name + "' is listed twice (remove one)");
        ok = false;
      }
    }
    return ok ? new ArrayList<>(out) : null;
  }

  /** The {@code host:port} list, or null after reporting a problem. */
  private static String bootstrap(SpecNode node) {
    String text = node.text();
    if (text == null) {
      return null;
    }
    List<String> addresses = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String address = part.trim();
      var m = ADDRESS.matcher(address);
      if (!m.matches()
          || Integer.parseInt(m.group(2)) < 1
          || Integer.parseInt(m.group(2)) > 65535) {
        return node.problem(
            "'"
                + address
                + "' (expected: host:port, or a comma-separated list of them, such as"
                + " broker1:9092,broker2:9092)");
      }
      addresses.add(address);
    }
    return String.join(",", addresses);
  }
}
