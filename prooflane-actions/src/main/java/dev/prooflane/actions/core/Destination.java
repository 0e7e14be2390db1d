package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import java.net.InetAddress;
import java.net.URI;

/**
 * Where a request by URL may go, as the run's {@link RequestGuard} admitted it: the URL's host and
 * port, and the one address to connect to.
 *
 * @param url the URL
 * @param host the host as named in the URL (for the Host header and TLS)
 * @param port the port
 * @param address the address that was checked; connect to exactly this one
 */
public record Destination(URI url, String host, int port, InetAddress address) {
  public Destination {
    requireNonNull(url, "url");
    requireNonNull(host, "host");
    requireNonNull(address, "address");
  }

  /** Whether the URL is {@code https}. */
  public boolean tls() {
    return "https".equals(url.getScheme());
  }

  /** The error of a request to this destination that got no answer, saying why. */
  public ProoflaneException unreachable(String why, Throwable cause) {
    return new ProoflaneException(
        "external host '"
            + host
            + "' did not answer at "
            + url
            + " (connected to "
            + address.getHostAddress()
            + "): "
            + why,
        cause);
  }
}
