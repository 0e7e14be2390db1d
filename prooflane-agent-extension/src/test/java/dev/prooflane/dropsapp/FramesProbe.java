package dev.prooflane.dropsapp;

import dev.prooflane.agent.detector.ApplicationFrames;
import java.util.List;

/** Application frames, as the detector sees them, from a class outside the extension's package. */
public final class FramesProbe {

  private FramesProbe() {}

  /** The application frames seen {@code depth} calls of this method deep. */
  public static List<StackTraceElement> nested(int depth) {
    if (depth > 1) {
      return nested(depth - 1);
    }
    return ApplicationFrames.current();
  }
}
