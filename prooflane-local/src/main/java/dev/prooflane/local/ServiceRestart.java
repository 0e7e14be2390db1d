package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

/**
 * A baseline service restarted: a new instance became healthy, took over the service's route, and
 * the old one stopped.
 *
 * @param service the service
 * @param oldPid the pid of the instance that stopped, or 0 when none ran
 * @param newPid the pid of the instance that serves now
 * @param millis how long the restart took, from the start of the new instance to the old one's stop
 */
public record ServiceRestart(String service, long oldPid, long newPid, long millis) {
  public ServiceRestart {
    requireNonNull(service, "service");
  }
}
