package dev.prooflane.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} placeholders a service's command and env may use.
 *
 * <ul>
 *   <li>{@code ${port}}: the loopback port this instance must listen on;
 *   <li>{@code ${services.NAME.url}}, {@code ${services.NAME.host}}, {@code ${services.NAME.port}}:
 *       the router's address for service NAME (calls through it are routed per key);
 *   <li>{@code ${sandbox}}: {@code baseline}, or the sandbox name for a fork;
 *   <li>{@code ${artifact}}: the service's artifact (a fork may replace it);
 *   <li>{@code ${dir}}: the folder of the environment file;
 *   <li>{@code ${kafka.bootstrap}}: the Kafka broker's {@code host:port} list, and {@code
 *       ${kafka.interceptor}}: the absolute path of Prooflane's consumer interceptor jar (both only
 *       with a {@code kafka:} section);
 *   <li>{@code ${databases.NAME.url}} ({@code postgresql://user:password@host:port/name}), {@code
 *       .jdbc} ({@code jdbc:postgresql://host:port/name?user=...&password=...}), {@code .host},
 *       {@code .port}, {@code .name}, {@code .user}, {@code .password}: database NAME of the {@code
 *       databases:} section; in a fork of a sandbox that branches NAME, its branch.
 * </ul>
 */
public final class Placeholders {
  private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern SERVICE_REF =
      Pattern.compile("services\\.([A-Za-z0-9_-]+)\\.(url|host|port)");
  private static final List<String> SIMPLE = List.of("port", "sandbox", "artifact", "dir");

  /** The Kafka broker's {@code host:port} list. */
  public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";

  /** The absolute path of the consumer interceptor's jar. */
  public static final String KAFKA_INTERCEPTOR = "kafka.interceptor";

  private static final List<String> KAFKA = List.of(KAFKA_BOOTSTRAP, KAFKA_INTERCEPTOR);

  /** The parts of a database a {@code ${databases.NAME.PART}} placeholder names. */
  public static final List<String> DATABASE_PARTS =
      List.of("url", "jdbc", "host", "port", "name", "user", "password");

  private static final Pattern DATABASE_REF =
      Pattern.compile("databases\\.([a-z][a-z0-9_]*)\\.([a-z]+)");

  /**
   * What an environment offers placeholders for.
   *
   * @param services its services' names
   * @param kafka whether it has a {@code kafka:} section
   * @param databases the names in its {@code databases:} section
   */
  public record Known(Set<String> services, boolean kafka, Set<String> databases) {
    public Known {
      services = Set.copyOf(services);
      databases = Set.copyOf(databases);
    }
  }

  /** The placeholder of {@code part} of database {@code database}. */
  public static String database(String database, String part) {
    return "databases." + database + "." + part;
  }

  private Placeholders() {}

  /** Every placeholder name in {@code text}, in order. */
  public static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = REF.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Why {@code name} is not a valid placeholder in an environment offering {@code known}. */
  public static String problem(String name, Known known) {
    if (SIMPLE.contains(name)) {
      return null;
    }
    if (KAFKA.contains(name)) {
      return known.kafka()
          ? null
          : "${"
              + name
              + "}: the environment has no Kafka broker (add a kafka: section; see docs/kafka.md)";
    }
    Matcher m = SERVICE_REF.matcher(name);
    if (m.matches()) {
      return known.services().contains(m.group(1))
          ? null
          : "${"
              + name
              + "}: no service '"
              + m.group(1)
              + "' (known: "
              + String.join(", ", new TreeSet<>(known.services()))
              + ")";
    }
    Matcher d = DATABASE_REF.matcher(name);
    if (d.matches()) {
      if (!DATABASE_PARTS.contains(d.group(2))) {
        return "${"
            + name
            + "}: no part '"
            + d.group(2)
            + "' (expected: "
            + String.join(", ", DATABASE_PARTS)
            + ")";
      }
      return known.databases().contains(d.group(1))
          ? null
          : "${"
              + name
              + "}: no database '"
              + d.group(1)
              + "' in the databases: section (known: "
              + (known.databases().isEmpty()
                  ? "none; see docs/databases.md"
                  : String.join(", ", new TreeSet<>(known.databases())))
              + ")";
    }
    return "${"
        + name
        + "}: unknown placeholder (expected: ${port}, ${sandbox}, ${artifact}, ${dir},"
        + " ${services.NAME.url|host|port}, ${kafka.bootstrap}, ${kafka.interceptor} or"
        + " ${databases.NAME.url|jdbc|host|port|name|user|password})";
  }

  /** Replaces each placeholder with {@code values.apply(name)}. */
  public static String resolve(String text, Function<String, String> values) {
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.apply(m.group(1));
      if (value == null) {
        throw new ProoflaneException(
            "unresolved placeholder ${" + m.group(1) + "} in '" + text + "'");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Resolves with a fixed map. */
  public static String resolve(String text, Map<String, String> values) {
    return resolve(text, values::get);
  }
}
