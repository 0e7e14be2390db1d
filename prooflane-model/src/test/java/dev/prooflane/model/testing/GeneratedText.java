package dev.prooflane.model.testing;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of text for the hostile-input properties: any UTF-16 text, text of a few chosen
 * characters, fragments glued together, lines. Shrinking goes towards short text of {@code 'a'}s,
 * which reads well in a report.
 */
public final class GeneratedText {
  private GeneratedText() {}

  /**
   * Text of up to {@code maxLength} UTF-16 code units, each equally likely: controls, NUL, lone
   * surrogates and private-use characters included.
   */
  public static Gen<String> anyText(int maxLength) {
    return text(Generate.range(Character.MIN_VALUE, Character.MAX_VALUE, 'a'), 0, maxLength);
  }

  /** Text of {@code minLength} to {@code maxLength} characters, each one of {@code chars}. */
  public static Gen<String> textOf(String chars, int minLength, int maxLength) {
    if (chars.isEmpty()) {
      throw new IllegalArgumentException("chars: '' (expected: at least one character)");
    }
    return text(
        Generate.range(0, chars.length() - 1).map(i -> (int) chars.charAt(i)),
        minLength,
        maxLength);
  }

  /** {@code minParts} to {@code maxParts} of {@code parts}, picked with repetition and glued. */
  public static Gen<String> glued(List<String> parts, int minParts, int maxParts) {
    return listOf(Generate.pick(parts), minParts, maxParts).map(picked -> String.join("", picked));
  }

  /** {@code minLines} to {@code maxLines} of {@code line}, each ended by a newline. */
  public static Gen<String> lines(Gen<String> line, int minLines, int maxLines) {
    return listOf(line, minLines, maxLines).map(all -> String.join("\n", all) + "\n");
  }

  /** Lists of {@code minSize} to {@code maxSize} elements of {@code element}. */
  public static <T> Gen<List<T>> listOf(Gen<T> element, int minSize, int maxSize) {
    Gen<Integer> size = Generate.range(minSize, maxSize, minSize);
    return random -> {
      int n = size.generate(random);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.generate(random));
      }
      return out;
    };
  }

  private static Gen<String> text(Gen<Integer> chars, int minLength, int maxLength) {
    Gen<Integer> length = Generate.range(minLength, maxLength, minLength);
    return random -> {
      int n = length.generate(random);
      StringBuilder out = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        out.append((char) chars.generate(random).intValue());
      }
      return out.toString();
    };
  }
}
