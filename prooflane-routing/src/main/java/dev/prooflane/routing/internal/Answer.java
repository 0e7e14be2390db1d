package dev.prooflane.routing.internal;

import dev.prooflane.routing.HopRecord;
import dev.prooflane.routing.RouteDecision;
import dev.prooflane.routing.Upstream;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * A JSON answer the router sends in place of an upstream's, when a routing decision or the upstream
 * sends nothing back.
 *
 * @param status HTTP status to send
 * @param body the JSON body: {@code error}, the fields that locate it, and {@code message}
 */
record Answer(int status, JsonObject body) {

  /**
   * {@code 503} for a decision that sends the request nowhere: the fork is down, or no baseline.
   */
  static Answer unavailable(RouteDecision.Unavailable outcome) {
    JsonObject body = new JsonObject().put("error", outcome.error());
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
        new JsonObject()
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
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return (timeout ? "no answer in time from " : "cannot reach ")
        + what
        + " of service '"
        + service
        + "' at "
        + target
        + ": "
        + detail
        + (cause instanceof ConnectException
            ? "; check that the process is running and listening on that port"
            : "");
  }
}
