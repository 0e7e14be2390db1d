package dev.prooflane.keys;

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
   * How many times longer than one plain pass over the same characters a linear parser may take at
   * the size limit. The parsers do more per character (tokens, objects): up to about 80 times here;
   * a quadratic one, which searches the rest of the header for every member, thousands of times.
   */
  public static final long LINEAR_FACTOR = 500;

  private static final int MIN_ROUNDS = 3;
  private static final int MAX_ROUNDS = 50;

  /** Keeps the plain pass from being optimised away. */
  private static volatile long sink;

  /**
   * How many times longer {@code parse} takes than one plain pass over the characters of {@code
   * lines}, the fastest run of each (noise only ever adds time). Both are timed on the same machine
   * at the same moment, so the ratio does not depend on how fast or how busy the machine is. Rounds
   * repeat, up to {@value #MAX_ROUNDS}, until the ratio is within {@link #LINEAR_FACTOR}: a parser
   * that has not been compiled yet, or a round slowed down by other work, gets more chances.
   */
  public static double timesOnePass(List<String> lines, Runnable parse) {
    long pass = Long.MAX_VALUE;
    long parsed = Long.MAX_VALUE;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      long start = System.nanoTime();
      sink += delimiters(lines);
      pass = Math.min(pass, Math.max(1, System.nanoTime() - start));
      start = System.nanoTime();
      parse.run();
      parsed = Math.min(parsed, System.nanoTime() - start);
      if (round >= MIN_ROUNDS && parsed < LINEAR_FACTOR * pass) {
        break;
      }
    }
    return (double) parsed / pass;
  }

  private static long delimiters(List<String> lines) {
    long count = 0;
    for (String line : lines) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == ',' || c == ';' || c == '=') {
          count++;
        }
      }
    }
    return count;
  }
}
