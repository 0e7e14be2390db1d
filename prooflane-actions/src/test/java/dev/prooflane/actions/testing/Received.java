package dev.prooflane.actions.testing;

import java.util.List;
import java.util.Map;

/**
 * A request as the loopback router received it.
 *
 * @param service the service addressed
 * @param destination {@code baseline} or the sandbox that served it
 * @param method the method
 * @param path the raw path
 * @param query the raw query, or null
 * @param headers by lower-case name
 * @param body the body as text
 */
public record Received(
    String service,
    String destination,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body) {
  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
