package dev.prooflane.routing;

import dev.prooflane.routing.internal.NettyRouter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The embedded HTTP/1.1 router: one listener per service, each sending a request to the fork of the
 * sandbox whose routing key it carries, or to the service's baseline.
 *
 * <p>Decisions, per request, on a listener for service {@code S}, made by {@link RouteTable#decide}
 * on the table in force:
 *
 * <ul>
 *   <li>a key of a sandbox with a running fork of {@code S}: to that fork;
 *   <li>no key, an unknown key, or a key of a sandbox that does not fork {@code S}: to the baseline
 *       of {@code S} ({@code 503} if there is none);
 *   <li>a key of a sandbox whose fork of {@code S} is down: {@code 503}, never the baseline;
 *   <li>a malformed key, or different keys in different carriers: {@code 400}, before any decision.
 * </ul>
 *
 * <p>The request's {@code Host} header is kept as the client sent it; {@code X-Forwarded-For} is
 * appended to, {@code X-Forwarded-Host} and {@code X-Forwarded-Proto} are set, hop-by-hop headers
 * are dropped in both directions, and routing-key headers are forwarded unchanged. Bodies are
 * streamed in both directions. Every exchange lands in {@link #hops()}.
 */
public interface Router extends AutoCloseable {

  /**
   * Starts a router with no listener and an empty route table.
   *
   * @throws dev.prooflane.model.ProoflaneException if the router cannot start
   */
  static Router start(RouterOptions options) {
    return NettyRouter.start(options);
  }

  /**
   * Opens a listener for {@code service} on the options' host and blocks until it is bound. Do not
   * call from a Vert.x event loop.
   *
   * @param port the port to bind, or 0 for any free port
   * @return the bound port
   * @throws dev.prooflane.model.ProoflaneException if the service already has a listener or the
   *     port cannot be bound
   */
  int listen(String service, int port);

  /** Closes the listener of {@code service}, if any, and blocks until it is closed. */
  void unlisten(String service);

  /** Bound ports by service name. */
  Map<String, Integer> listeners();

  /** The route table in force now. */
  RouteTable routes();

  /**
   * Atomically replaces the route table with {@code change.apply(current)}; the next request on any
   * connection sees the new table. {@code change} may run more than once under contention, so it
   * must have no side effects. Connection pools of upstreams the new table no longer references are
   * shut down: in-flight exchanges finish, and none of their connections serves a new request.
   */
  void update(UnaryOperator<RouteTable> change);

  /**
   * Completes once the router holds no connection to {@code upstream} any more: call it after an
   * {@link #update} that stopped referencing it, to know when the exchanges in flight on it have
   * finished (or its pools' grace, the idle timeout, has passed), such as before stopping a
   * replaced process. Completes at once when the router has no pool of {@code upstream} closing.
   */
  CompletableFuture<Void> drained(Upstream upstream);

  /** The record of recent exchanges. */
  HopLog hops();

  /** Closes every listener and upstream connection and blocks until they are closed. */
  @Override
  void close();
}
