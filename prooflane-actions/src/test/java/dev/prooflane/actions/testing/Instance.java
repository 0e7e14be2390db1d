package dev.prooflane.actions.testing;

/** The code of one instance (baseline or fork) of a service in the loopback environment. */
@FunctionalInterface
public interface Instance {
  /** Answers a request; {@code log} writes to this instance's log. */
  Reply handle(Received request, InstanceLog log) throws Exception;

  /** Writes lines to one instance's log. */
  interface InstanceLog {
    void out(String line);

    void err(String line);
  }
}
