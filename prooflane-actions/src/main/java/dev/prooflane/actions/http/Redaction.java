package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which header values never reach evidence or outputs: their values are replaced with {@value
 * #REDACTED}. The platform's policy may widen the default set.
 *
 * @param secretHeaders header names, compared without case
 */
public record Redaction(Set<String> secretHeaders) {
  /** What a secret value is replaced with. */
  public static final String REDACTED = "[redacted]";

  /** Credentials and session headers. */
  public static final Redaction DEFAULT =
      new Redaction(
          Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"));

  public Redaction {
    requireNonNull(secretHeaders, "secretHeaders");
    secretHeaders =
        secretHeaders.stream()
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether the value of header {@code name} is a secret. */
  public boolean isSecret(String name) {
    return secretHeaders.contains(name.toLowerCase(Locale.ROOT));
  }

  /** A copy of {@code headers} with every secret value replaced. */
  public Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            out.put(
                name,
                isSecret(name)
                    ? values.stream().map(v -> REDACTED).toList()
                    : List.copyOf(values)));
    return out;
  }
}
