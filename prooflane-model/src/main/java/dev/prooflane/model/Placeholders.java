package dev.prooflane.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 *       with a {@code kafka:} section).
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

  /**
   * Why {@code name} is not a valid placeholder given the known service names, or null when valid.
   */
  public static String problem(String name, java.util.Set<String> services) {
    return problem(name, services, false);
  }

  /**
   * Why {@code name} is not a valid placeholder given the known service names and whether the
   * environment has a {@code kafka:} section, or null when valid.
   */
  public static String problem(String name, java.util.Set<String> services, boolean kafka) {
    if (SIMPLE.contains(name)) {
      return null;
    }
    if (KAFKA.contains(name)) {
      return kafka
          ? null
          : "${"
              + name
              + "}: the environment has no Kafka broker (add a kafka: section; see docs/kafka.md)";
    }
    Matcher m = SERVICE_REF.matcher(name);
    if (m.matches()) {
      return services.contains(m.group(1))
          ? null
          : "${"
              + name
              + "}: no service '"
              + m.group(1)
              + "' (known: "
              + String.join(", ", services)
              + ")";
    }
    return "${"
        + name
        + "}: unknown placeholder (expected: ${port}, ${sandbox}, ${artifact}, ${dir},"
        + " ${services.NAME.url|host|port}, ${kafka.bootstrap} or ${kafka.interceptor})";
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
