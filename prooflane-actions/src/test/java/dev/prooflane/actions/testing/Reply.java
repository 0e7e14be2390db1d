package dev.prooflane.actions.testing;

import java.util.Map;

/**
 * What an instance answers.
 *
 * @param status the status
 * @param headers response headers
 * @param body the body
 */
public record Reply(int status, Map<String, String> headers, String body) {
  public static Reply json(int status, String json) {
    return new Reply(status, Map.of("Content-Type", "application/json"), json);
  }

  public static Reply text(int status, String text) {
    return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text);
  }
}
