package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code writes.allow}: writes that may reach the baseline.
 *
 * @param service the service's name, or {@code *} for any
 * @param methods the methods allowed (POST, PUT, PATCH, DELETE); empty for all four
 * @param path a path glob: {@code *} matches within one segment, {@code **} across segments
 */
public record WriteRule(String service, Set<String> methods, String path) {
  public WriteRule {
    requireNonNull(service, "service");
    requireNonNull(path, "path");
    methods = Set.copyOf(methods);
  }

  /**
   * Whether this rule allows {@code method} to {@code path} (without its query) on {@code service}.
   */
  public boolean allows(String service, String method, String path) {
    return ("*".equals(this.service) || this.service.equals(service))
        && (methods.isEmpty() || methods.contains(method))
        && glob(this.path).matcher(path).matches();
  }

  /** A glob as a regular expression: {@code **} any text, {@code *} any text without {@code /}. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else {
        int next = glob.indexOf('*', i);
        int end = next < 0 ? glob.length() : next;
        regex.append(Pattern.quote(glob.substring(i, end)));
        i = end;
      }
    }
    return Pattern.compile(regex.toString());
  }
}
