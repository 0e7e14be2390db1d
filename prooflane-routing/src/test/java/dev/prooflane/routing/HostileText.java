package dev.prooflane.routing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.model.testing.GeneratedText;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of hostile header text for the property tests of the routing parsers. */
public final class HostileText {
  /** How long one parser call may take before the property fails as a hang. */
  public static final Duration CALL_BOUND = Duration.ofSeconds(30);

  /** The header size limit of a listener: the largest value a parser can be handed. */
  public static final int HEADER_LIMIT = 64 * 1024;

  private static final List<String> FRAGMENTS =
      List.of(
          "prooflane-key",
          "x-prooflane-key",
          "prooflane-keys",
          "=",
          ",",
          ";",
          "%",
          "%2",
          "%2C",
          "%3B",
          "%3D",
          "%0D%0A",
          "%zz",
          "%C3%A9",
          "%FF",
          " ",
          "\t",
          "\r",
          "\n",
          "\u0000",
          "\u007f",
          "\"",
          "\\",
          "@",
          "*",
          "/",
          "k1",
          "key-a",
          "a b",
          "é",
          "\uD83D\uDE00",
          "\uD800",
          "vendor",
          "tenant@vendor",
          "ttl=3",
          "Upper",
          "0",
          "-");

  private HostileText() {}

  /** Short text: any characters, delimiter-heavy text, or fragments of real headers glued. */
  public static Gen<String> value() {
    return Generate.oneOf(
        GeneratedText.glued(FRAGMENTS, 0, 60),
        GeneratedText.anyText(200),
        GeneratedText.textOf("=,;% \t\"\\@*/-.akeyprooflan0123456789", 0, 200));
  }

  /**
   * Header values up to the listener's header limit: one fragment repeated thousands of times,
   * after a routing key member, which is what made the member searches quadratic.
   */
  public static Gen<String> huge() {
    return Generate.pick(List.of("prooflane-key=key-a", "prooflane-key", "x=1", ""))
        .zip(
            Generate.pick(FRAGMENTS),
            Generate.pick(List.of(",", ",a", ", ", ";", "=", ",prooflane-key", "%")),
            (head, fragment, separator) -> {
              String unit = separator + fragment;
              int times = (HEADER_LIMIT - head.length()) / Math.max(1, unit.length());
              return head + unit.repeat(times);
            });
  }

  /** One to three header lines. */
  public static Gen<List<String>> lines() {
    return GeneratedText.listOf(value(), 1, 3);
  }

  /** Runs {@code call}, failing if it takes longer than {@link #CALL_BOUND}. */
  public static <T> T bounded(Supplier<T> call) {
    return assertTimeoutPreemptively(CALL_BOUND, call::get);
  }

  /**
   * The fastest of ten runs of {@code call}, in milliseconds: noise (a busy machine, a collection)
   * only ever adds time, and ten runs make it unlikely that every one of them is slowed down.
   */
  public static long fastestMillis(Runnable call) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      call.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best / 1_000_000;
  }
}
