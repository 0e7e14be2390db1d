package dev.prooflane.actions.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into its addresses; the system resolver, or another one in tests. */
@FunctionalInterface
public interface HostResolver {
  /** The platform's resolver ({@link InetAddress#getAllByName}). */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * The addresses of {@code host}, or of the literal address it is.
   *
   * @throws UnknownHostException when it has none
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
