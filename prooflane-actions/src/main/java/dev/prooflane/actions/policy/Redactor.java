package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.runtime.LogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces secrets with {@value #REDACTED} before anything is stored, returned or logged: the
 * values of secret headers (in header maps, in any mapping key of that name, and in {@code Name:
 * value} text) and every match of the secret patterns. Thread-safe.
 *
 * @param headers secret header names, lower case
 * @param patterns value patterns: the built-ins and the policy's
 */
public record Redactor(Set<String> headers, List<Pattern> patterns) {
  /** What a secret is replaced with. */
  public static final String REDACTED = "[redacted]";

  /** The header names always redacted. */
  public static final Set<String> DEFAULT_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  /** Bearer tokens, JWTs, AWS access key ids and PEM private key blocks (even cut off). */
  public static final List<Pattern> DEFAULT_PATTERNS =
      List.of(
          Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]+=*"),
          Pattern.compile("eyJ[A-Za-z0-9_-]*\\.eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+"),
          Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----"
                  + "(?:[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\\s\\S]*)"));

  /** The defaults alone. */
  public static final Redactor DEFAULT = of(Set.of(), List.of());

  public Redactor {
    headers =
        headers.stream()
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    patterns = List.copyOf(requireNonNull(patterns, "patterns"));
  }

  /** The defaults plus {@code extraHeaders} and {@code extraPatterns}. */
  public static Redactor of(Set<String> extraHeaders, List<Pattern> extraPatterns) {
    Set<String> names = new LinkedHashSet<>(DEFAULT_HEADERS);
    extraHeaders.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
    List<Pattern> all = new ArrayList<>();
    // "Name: value" or "name=value" in free text (log lines, bodies, messages) for secret headers
    all.add(
        Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])((?:"
                + names.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")\"?\\s*[:=]\\s*\"?)[^\"\\r\\n]+"));
    all.addAll(DEFAULT_PATTERNS);
    all.addAll(extraPatterns);
    return new Redactor(names, all);
  }

  /** Whether the value of header {@code name} is a secret. */
  public boolean isSecretHeader(String name) {
    return headers.contains(name.toLowerCase(Locale.ROOT));
  }

  /** {@code text} with every pattern match replaced; null stays null. */
  public String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (int i = 0; i < patterns.size(); i++) {
      Pattern p = patterns.get(i);
      try {
        // the first pattern keeps the header name and its separator
        out = p.matcher(out).replaceAll(i == 0 ? "$1" + REDACTED : REDACTED);
      } catch (StackOverflowError e) {
        // a policy pattern such as (a|b)* recurses per character in java.util.regex: a text it
        // cannot scan is withheld whole rather than kept with a secret in it
        return REDACTED + " (" + text.length() + " characters withheld: pattern " + p + " failed)";
      }
    }
    return out;
  }

  /** A deep copy of a plain value (maps, lists, text) with secrets replaced. */
  public Object value(Object value) {
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            String key = String.valueOf(k);
            out.put(key, isSecretHeader(key) && v != null ? REDACTED : value(v));
          });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(value(v)));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Map<String, Object> map) {
    return (Map<String, Object>) value(map);
  }

  /** Headers with secret values (by name or by pattern) replaced. */
  public Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            out.put(
                name,
                values.stream().map(v -> isSecretHeader(name) ? REDACTED : text(v)).toList()));
    return out;
  }

  public Exchange exchange(Exchange e) {
    if (e == null) {
      return null;
    }
    return new Exchange(
        e.label(),
        e.service(),
        e.keyed(),
        e.method(),
        text(e.url()),
        headers(e.requestHeaders()),
        text(e.requestBody()),
        e.status(),
        headers(e.responseHeaders()),
        text(e.responseBody()),
        e.durationMillis(),
        e.traceId(),
        e.hops(),
        text(e.error()));
  }

  public LogEntry line(LogEntry l) {
    return new LogEntry(l.seq(), l.time(), l.stream(), text(l.text()));
  }

  public CapturedLog log(CapturedLog log) {
    return new CapturedLog(
        log.service(), log.instance(), log.lines().stream().map(this::line).toList());
  }

  /** A step with every message, input, output, assertion, exchange and log line redacted. */
  public StepResult step(StepResult s) {
    return new StepResult(
        s.id(),
        s.action(),
        s.verdict(),
        text(s.message()),
        map(s.inputs()),
        map(s.outputs()),
        s.assertions().stream()
            .map(
                a ->
                    new Assertion(
                        a.path(),
                        a.passed(),
                        text(a.message()),
                        value(a.expected()),
                        value(a.actual())))
            .toList(),
        s.exchanges().stream().map(this::exchange).toList(),
        s.logs().stream().map(this::log).toList(),
        s.children().stream().map(this::step).toList(),
        s.durationMillis(),
        s.location());
  }
}
