package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of a local runtime.
 *
 * @param stateFolder where state ({@code state.db}) and logs live, usually {@code .prooflane/}
 * @param clock the clock TTLs are measured with
 * @param stopGrace how long a stopping process gets between SIGTERM and SIGKILL
 * @param ttlCheckInterval how often expired sandboxes are looked for
 */
public record LocalOptions(
    StateFolder stateFolder, Clock clock, Duration stopGrace, Duration ttlCheckInterval) {
  public LocalOptions {
    requireNonNull(stateFolder, "stateFolder");
    requireNonNull(clock, "clock");
    requireNonNull(stopGrace, "stopGrace");
    requireNonNull(ttlCheckInterval, "ttlCheckInterval");
  }

  /** Defaults for {@code stateDir}: system clock, 5 s stop grace, TTL checked every second. */
  public static LocalOptions of(Path stateDir) {
    return new LocalOptions(
        StateFolder.of(stateDir), Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }
}
