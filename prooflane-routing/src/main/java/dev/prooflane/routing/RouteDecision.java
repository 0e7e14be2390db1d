package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.RoutingKey;

/**
 * Where one request goes, as {@link RouteTable#decide} finds it: forwarded to a fork or to the
 * baseline, or answered by the router because the fork is down or there is no baseline.
 *
 * <p>The outcomes are protocol-neutral: an HTTP/1.1 listener answers an {@link Unavailable} outcome
 * with {@code 503} and a JSON body, and any other transport (HTTP/2, gRPC status 14, message
 * routing) reuses the same outcomes, error codes and messages.
 */
public sealed interface RouteDecision permits RouteDecision.Forward, RouteDecision.Unavailable {

  /**
   * What the hop log records as the destination: the sandbox's name, or {@link HopRecord#BASELINE}.
   */
  String destination();

  /** An outcome that sends the request to an upstream. */
  sealed interface Forward extends RouteDecision permits ToFork, ToBaseline {

    /** The process the request is sent to. */
    Upstream upstream();
  }

  /**
   * An outcome that sends the request nowhere: the router answers it itself, saying why, and never
   * falls back to another destination.
   */
  sealed interface Unavailable extends RouteDecision permits ForkDown, NoBaseline {

    /** The machine-readable reason, for example {@code "fork_unavailable"}. */
    String error();

    /** The service the request was for. */
    String service();

    /** What went wrong and what to do, for the caller. */
    String message();
  }

  /**
   * The request carries the key of a sandbox whose fork of the service is running.
   *
   * @param sandbox the sandbox's name
   * @param upstream where its fork listens
   */
  record ToFork(String sandbox, Upstream upstream) implements Forward {
    public ToFork {
      requireNonNull(sandbox, "sandbox");
      requireNonNull(upstream, "upstream");
    }

    @Override
    public String destination() {
      return sandbox;
    }
  }

  /**
   * The request goes to the service's baseline.
   *
   * @param upstream where the baseline listens
   * @param why whether the request carried no key, an unknown one, or one of a sandbox that does
   *     not fork the service
   */
  record ToBaseline(Upstream upstream, BaselineReason why) implements Forward {
    public ToBaseline {
      requireNonNull(upstream, "upstream");
      requireNonNull(why, "why");
    }

    @Override
    public String destination() {
      return HopRecord.BASELINE;
    }
  }

  /**
   * The request carries the key of a sandbox whose fork of the service exists but is down; it is
   * never sent to the baseline instead.
   *
   * @param sandbox the sandbox's name
   * @param service the forked service
   * @param key the sandbox's routing key, which the request carried
   * @param reason why the fork is down, for example {@code "fork 'pricing' is starting"}
   */
  record ForkDown(String sandbox, String service, RoutingKey key, String reason)
      implements Unavailable {
    public ForkDown {
      requireNonNull(sandbox, "sandbox");
      requireNonNull(service, "service");
      requireNonNull(key, "key");
      requireNonNull(reason, "reason");
    }

    @Override
    public String destination() {
      return sandbox;
    }

    @Override
    public String error() {
      return "fork_unavailable";
    }

    @Override
    public String message() {
      return reason + "; the request was NOT sent to the baseline";
    }
  }

  /**
   * The request would go to the service's baseline, but the table has none for it.
   *
   * @param service the service without a baseline
   * @param why why the request would have gone to the baseline
   */
  record NoBaseline(String service, BaselineReason why) implements Unavailable {
    public NoBaseline {
      requireNonNull(service, "service");
      requireNonNull(why, "why");
    }

    @Override
    public String destination() {
      return HopRecord.BASELINE;
    }

    @Override
    public String error() {
      return "no_baseline";
    }

    @Override
    public String message() {
      return "no baseline upstream is configured for service '"
          + service
          + "'; start the service or add its baseline to the route table";
    }
  }
}
