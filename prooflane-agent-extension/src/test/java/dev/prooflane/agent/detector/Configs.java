package dev.prooflane.agent.detector;

import java.nio.file.Path;

/** Configurations for the tests. */
final class Configs {

  private Configs() {}

  static DetectorConfig of(Path file) {
    return of(file, DetectorConfig.DEFAULT_MAX_BYTES);
  }

  static DetectorConfig of(Path file, long maxBytes) {
    return new DetectorConfig(
        file,
        "catalog",
        "baseline",
        "prooflane-key",
        "prooflane-key",
        "x-prooflane-key",
        "detect",
        maxBytes,
        1);
  }
}
