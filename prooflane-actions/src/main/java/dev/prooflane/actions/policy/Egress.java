package dev.prooflane.actions.policy;

import dev.prooflane.actions.core.Destination;
import dev.prooflane.actions.core.HostResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where the {@code http} action may send a request by URL: the hosts of {@code http.allow}, and
 * only while every address the host resolves to is allowed (docs/policy.md). Services of the
 * environment are called by name through the router and are not subject to it.
 *
 * @param allow the external hosts allowed; none by default
 * @param privateNetworks private ranges an allowed host may resolve into; none by default
 */
public record Egress(List<HostRule> allow, List<Cidr> privateNetworks) {
  /** No external host. */
  public static final Egress DEFAULT = new Egress(List.of(), List.of());

  public Egress {
    allow = List.copyOf(allow);
    privateNetworks = List.copyOf(privateNetworks);
  }

  /**
   * Admits {@code method url}: the host must be allowed, and every address it resolves to. The
   * address returned is the one checked: connecting to it, not to the name again, leaves DNS no
   * second say (no rebinding between the check and the connection).
   *
   * @param source the policy's file, for the fix
   * @throws PolicyRefusedException naming {@code http.allow} or {@code http.addresses}
   */
  public Destination admit(String method, URI url, HostResolver resolver, String source) {
    String where = method + " " + url;
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new PolicyRefusedException(
          "http.allow", where + ": only http and https URLs may be called");
    }
    String host = url.getHost();
    if (host == null || url.getRawUserInfo() != null) {
      throw new PolicyRefusedException(
          "http.allow",
          where + ": the URL has no plain host" + (host == null ? "" : " (remove the user info)"));
    }
    host = host.toLowerCase(Locale.ROOT);
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    String name = host;
    Optional<HostRule> rule = allow.stream().filter(r -> r.matchesHost(name)).findFirst();
    if (rule.isEmpty()) {
      throw new PolicyRefusedException(
          "http.allow",
          where
              + ": host '"
              + host
              + "' is not in http.allow"
              + (allow.isEmpty()
                  ? " (no external host is allowed)"
                  : " (allowed: "
                      + String.join(", ", allow.stream().map(HostRule::host).toList())
                      + ")")
              + "; call services of the environment with service: instead, or add the host to"
              + " http.allow in "
              + source);
    }
    if (!rule.get().allowsPort(port)) {
      throw new PolicyRefusedException(
          "http.allow",
          where
              + ": port "
              + port
              + " of '"
              + host
              + "' is not allowed (ports: "
              + new TreeSet<>(rule.get().ports())
              + "); add it to the entry's ports in "
              + source);
    }
    if (!rule.get().methods().contains(method)) {
      throw new PolicyRefusedException(
          "http.allow",
          where
              + ": the http.allow entry for '"
              + rule.get().host()
              + "' allows "
              + String.join(", ", new TreeSet<>(rule.get().methods()))
              + "; add "
              + method
              + " to its methods in "
              + source);
    }
    String lookup = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(lookup);
    } catch (UnknownHostException e) {
      throw new PolicyRefusedException(
          "http.addresses", where + ": host '" + host + "' does not resolve (check its name)");
    }
    if (addresses.isEmpty()) {
      throw new PolicyRefusedException(
          "http.addresses", where + ": host '" + host + "' resolves to no address");
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = AddressRanges.refusal(address, privateNetworks);
      if (refusal.isPresent()) {
        throw new PolicyRefusedException(
            "http.addresses",
            where
                + ": host '"
                + host
                + "' resolves to "
                + address.getHostAddress()
                + ", which is refused: "
                + refusal.get());
      }
    }
    return new Destination(url, host, port, addresses.get(0));
  }
}
