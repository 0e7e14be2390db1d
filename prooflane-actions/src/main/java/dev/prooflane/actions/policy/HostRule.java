package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code http.allow}: an external host the {@code http} action may call by URL.
 *
 * @param host a host name ({@code api.partner.example}), a wildcard for its subdomains ({@code
 *     *.partner.example}, not the name itself) or an IP address literal
 * @param ports the ports allowed; empty for any
 * @param methods the methods allowed, upper case
 */
public record HostRule(String host, Set<Integer> ports, Set<String> methods) {
  /** What a rule allows when it lists no methods: reads only. */
  public static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private static final Pattern NAME =
      Pattern.compile(
          "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_HOST = 253;
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

  public HostRule {
    requireNonNull(host, "host");
    host = host.toLowerCase(Locale.ROOT);
    // checked first: the name pattern recurses once per label and would overflow on a huge text
    if (host.length() > MAX_HOST) {
      throw new IllegalArgumentException(
          "a host of " + host.length() + " characters (expected: a host name of at most 253)");
    }
    if (!NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "'"
              + host
              + "' (expected: a host name such as api.partner.example, *.partner.example for its"
              + " subdomains, or an address such as 203.0.113.7 or [2001:db8::7])");
    }
    ports = Set.copyOf(ports);
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " (expected: 1 to 65535)");
      }
    }
    methods = Set.copyOf(methods.isEmpty() ? READS : methods);
  }

  /** Whether this rule names {@code host} (lower case, as in a URL; IPv6 in brackets). */
  public boolean matchesHost(String host) {
    if (this.host.startsWith("*.")) {
      return host.endsWith(this.host.substring(1)) && host.length() > this.host.length() - 1;
    }
    return this.host.equals(host);
  }

  /** Whether this rule allows {@code port}. */
  public boolean allowsPort(int port) {
    return ports.isEmpty() || ports.contains(port);
  }
}
