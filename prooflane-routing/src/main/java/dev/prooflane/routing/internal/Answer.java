package dev.prooflane.routing.internal;

import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.routing.RouteDecision;
import dev.prooflane.routing.Upstream;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * A JSON answer the router sends in place of an upstream's, when a routing decision or the upstream
 * sends nothing back.
 *
 * @param status HTTP status to send
 * @param body the JSON body: {@code error}, the fields that locate it, and {@code message}
 */
record Answer(int status, JsonBody body) {

  /**
   * {@code 503} for a decision that sends the request nowhere: the fork is down, or no baseline.
   */
  static Answer unavailable(RouteDecision.Unavailable outcome) {
    JsonBody body = new JsonBody().put("error", outcome.error());
    if (outcome instanceof RouteDecision.ForkDown down) {
      body.put("sandbox", down.sandbox())
          .put("service", down.service())
          .put("routingKey", down.key().value());
    } else {
      body.put("service", outcome.service());
    }
    return new Answer(503, body.put("message", outcome.message()));
  }

  /**
   * {@code 503 fork_unavailable} for a fork that refused the connection, or closed or reset it
   * before its response started: the fork is down (it exited, and the runtime has not noticed yet),
   * so the answer is the one for a fork known to be down, never {@code 502} and never the baseline.
   *
   * @param key the routing key the request carried (the fork's sandbox's)
   * @param cause what {@link #meansDown} accepted
   */
  static Answer forkUnreachable(
      RouteDecision.ToFork fork, String service, String key, Throwable cause) {
    String reason =
        "fork '"
            + service
            + "' of sandbox '"
            + fork.sandbox()
            + "' at "
            + fork.upstream().address()
            + (cause instanceof ConnectException
                ? " refuses connections: it is down (exited, or no longer listening)"
                : " closed the connection before answering ("
                    + detail(cause)
                    + "): it is down, or crashed on this request");
    return unavailable(
        new RouteDecision.ForkDown(fork.sandbox(), service, new RoutingKey(key), reason));
  }

  /**
   * Whether {@code cause}, raised before an upstream's response started, means the upstream is not
   * there: the connection was refused, reset or closed. A timeout is not (the process is there but
   * slow), nor is a response that cannot be parsed.
   */
  static boolean meansDown(Throwable cause) {
    if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
      return false;
    }
    // ConnectException (refused), a reset (SocketException, Netty's native errors) and a
    // connection closed before the response (UpstreamClosedException) are IOExceptions.
    return cause instanceof IOException;
  }

  /**
   * {@code 504} when {@code upstream} did not answer in time, {@code 502} when it could not be
   * reached or failed before the response started.
   *
   * @param destination the hop log's destination: a sandbox name or {@link HopRecord#BASELINE}
   * @param upstream where the request was sent, or null if it never got that far
   */
  static Answer upstreamFailed(
      String service, String destination, Upstream upstream, Throwable cause) {
    boolean timeout = cause instanceof TimeoutException || cause instanceof ConnectTimeoutException;
    String target = upstream == null ? "" : upstream.address();
    return new Answer(
        timeout ? 504 : 502,
        new JsonBody()
            .put("error", timeout ? "upstream_timeout" : "upstream_unreachable")
            .put("service", service)
            .put("destination", destination)
            .put("upstream", target)
            .put("message", describe(service, destination, target, cause, timeout)));
  }

  private static String describe(
      String service, String destination, String target, Throwable cause, boolean timeout) {
    String what =
        destination.equals(HopRecord.BASELINE)
            ? "baseline"
            : "fork in sandbox '" + destination + "'";
    return (timeout ? "no answer in time from " : "cannot reach ")
        + what
        + " of service '"
        + service
        + "' at "
        + target
        + ": "
        + detail(cause)
        + (cause instanceof ConnectException
            ? "; check that the process is running and listening on that port"
            : "");
  }

  private static String detail(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
