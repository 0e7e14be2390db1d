package dev.prooflane.model.spec;

import dev.prooflane.model.testing.GeneratedText;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of hostile, YAML-ish spec files for the property tests of the spec readers. */
final class YamlText {
  private static final List<String> KEYS =
      List.of(
          "name",
          "routing",
          "compat",
          "baggage",
          "tracestate",
          "header",
          "query",
          "sandboxes",
          "maxTtl",
          "services",
          "pricing",
          "catalog",
          "command",
          "artifact",
          "workdir",
          "port",
          "env",
          "health",
          "path",
          "timeout",
          "interval",
          "protocol",
          "grpc",
          "skills",
          "routingKey",
          "ttl",
          "labels",
          "forks",
          "service",
          "args",
          "envRemove",
          "PORT",
          "<<",
          "? complex",
          "\"quoted key\"",
          "Näme",
          "x".repeat(300),
          "- item",
          "");

  private static final List<String> VALUES =
      List.of(
          "",
          "shop",
          "pricing",
          "pr-42",
          "java -jar app.jar",
          "[java, -jar, x.jar]",
          "'unterminated",
          "\"unterminated",
          "\"a\\0b\"",
          "\"\\x00\"",
          "\"tab\\there\"",
          "${port}",
          "${services.pricing.url}",
          "${services.nope.port}",
          "${bogus}",
          "${",
          "0",
          "65535",
          "65536",
          "-1",
          "99999999999999999999",
          "0x1F",
          "1e400",
          ".inf",
          ".nan",
          "30s",
          "0s",
          "1h30m",
          "999999999d",
          "5x",
          "ms",
          "~",
          "null",
          "true",
          "[]",
          "{}",
          "[a, b]",
          "{a: 1, a: 2}",
          "&a [1, 2]",
          "*a",
          "*undefined",
          "!!binary AAAA",
          "!custom x",
          "!!python/object:os.system x",
          "|",
          ">-",
          "signadot",
          "okteto",
          "h2c",
          "grpc",
          "http1",
          "prooflane-key",
          "bad key!",
          "k".repeat(65),
          "/health",
          "health",
          "../../etc",
          "{path: /ready, timeout: 0s}",
          "[{service: pricing}]",
          "[{service: pricing}, {service: pricing}]",
          "[pricing]",
          "{service: pricing, command: ''}",
          "\u0000",
          "\t",
          "é",
          "\uD83D\uDE00",
          "\"\\uD800\"");

  private YamlText() {}

  /** Arbitrary text, glued lines of real fields, and the known parser traps. */
  static Gen<String> specFile() {
    return Generate.frequency(
        Pair.of(8, lines()),
        Pair.of(2, GeneratedText.anyText(300)),
        Pair.of(2, GeneratedText.textOf(":-[]{}&*!|>'\"#%@` \n\t,?abc019", 0, 300)),
        Pair.of(1, traps()));
  }

  /** {@code key: value} lines at random indentation, so mappings and lists nest arbitrarily. */
  static Gen<String> lines() {
    Gen<String> line =
        Generate.range(0, 4)
            .zip(
                Generate.booleans(),
                Generate.pick(KEYS),
                Generate.pick(VALUES),
                (indent, item, key, value) ->
                    "  ".repeat(indent) + (item ? "- " : "") + key + ": " + value);
    return GeneratedText.lines(line, 1, 25);
  }

  /** Alias bombs, deep nesting, huge scalars, recursion: each must end in a located error. */
  static Gen<String> traps() {
    return Generate.oneOf(
        Generate.range(1, 30).map(YamlText::aliasBomb),
        Generate.range(40, 5_000).map(depth -> "a: " + "[".repeat(depth)),
        Generate.range(40, 2_000).map(YamlText::deepMapping),
        Generate.range(1, 3).map(n -> "name: " + "x".repeat(n * 400_000)),
        Generate.pick(
            List.of(
                "a: &a [*a]\n",
                "&a {*a: 1}\n",
                "services: &s {pricing: *s}\n",
                "services:\n  pricing:\n    command: x\n    port: 1\n"
                    + "  catalog:\n    command: y\n    port: 1\n",
                "name: x\n" + "services:\n  a:\n    command: x\n".repeat(2),
                "%YAML 9.9\n---\nname: x\n",
                "--- a\n--- b\n",
                "name: shop\n" + "# comment\n".repeat(100_000))));
  }

  private static String aliasBomb(int levels) {
    StringBuilder out = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= levels; i++) {
      out.append('a').append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        out.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      out.append("]\n");
    }
    return out.append("services: *a").append(levels).append('\n').toString();
  }

  private static String deepMapping(int depth) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      out.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    return out.toString();
  }
}
