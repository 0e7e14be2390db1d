package dev.prooflane.agent.detector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The application's own frames of a stack: frames of the JDK, the agent, this extension and known
 * client libraries are left out (the list is the contract's, docs/propagation-detector.md).
 */
public final class ApplicationFrames {

  /** At most this many application frames go into a record. */
  public static final int MAX_FRAMES = 8;

  private static final String[] NOT_APPLICATION = {
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
    "io.opentelemetry.",
    "dev.prooflane.agent.",
    "io.grpc.",
    "io.netty.",
    "okhttp3.",
    "okio.",
    "org.apache.http.",
    "org.apache.hc.",
    "org.apache.kafka.",
    "reactor.",
    "org.springframework.web.client.",
    "org.springframework.web.reactive.function.client.",
    "org.springframework.http.client.",
    "org.springframework.cloud.",
    "feign.",
    "retrofit2.",
    "org.glassfish.jersey.",
    "org.jboss.resteasy.",
    "kotlin.",
    "scala.",
  };

  private static final StackWalker WALKER = StackWalker.getInstance();

  private ApplicationFrames() {}

  /** Whether a frame of this class belongs to the application. */
  public static boolean isApplication(String className) {
    for (String prefix : NOT_APPLICATION) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  /** The application frames of the current thread's stack, innermost first, at most 8. */
  public static List<StackTraceElement> current() {
    return WALKER.walk(
        frames ->
            frames
                .filter(frame -> isApplication(frame.getClassName()))
                .limit(MAX_FRAMES)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .collect(Collectors.toList()));
  }
}
