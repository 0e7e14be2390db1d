package dev.prooflane.actions.testing;

import dev.prooflane.model.testing.GeneratedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile, YAML-ish policy and skill files for the property tests of their readers:
 * arbitrary text, delimiter-heavy text, lines glued from the real keys and values at random
 * indentation, real files (docs/policy.md's example, examples/shop/skills) with a few lines broken,
 * and the known parser traps (alias bombs, self-referencing anchors, deep nesting, huge scalars).
 */
public final class HostileYaml {
  /** Keys of the policy format (docs/policy.md), at every level. */
  public static final List<String> POLICY_KEYS =
      List.of(
          "actions",
          "enabled",
          "skills",
          "allow",
          "writes",
          "forkedOnly",
          "service",
          "methods",
          "path",
          "http",
          "host",
          "ports",
          "privateNetworks",
          "limits",
          "stepsPerRun",
          "requestsPerRun",
          "bytesPerResponse",
          "runDuration",
          "stepTimeout",
          "concurrentRuns",
          "sandboxes",
          "perOwner",
          "total",
          "maxTtl",
          "forks",
          "commands",
          "artifacts",
          "env",
          "args",
          "redact",
          "headers",
          "patterns");

  /** Keys of the skill format (docs/skills.md), at every level. */
  public static final List<String> SKILL_KEYS =
      List.of(
          "name",
          "version",
          "description",
          "whenToUse",
          "labels",
          "inputs",
          "type",
          "default",
          "steps",
          "id",
          "action",
          "with",
          "if",
          "timeout",
          "always",
          "outputs",
          "service",
          "path",
          "that",
          "message",
          "productId");

  /** Keys that are wrong in any file: merges, complex keys, odd spellings. */
  private static final List<String> ODD_KEYS =
      List.of(
          "<<",
          "? complex",
          "\"quoted key\"",
          "'single'",
          "Näme",
          "x".repeat(300),
          "- item",
          "1",
          "~",
          "!!str k",
          "&k anchored",
          "*k",
          "");

  /** Values of the policy format, good and bad. */
  public static final List<String> POLICY_VALUES =
      List.of(
          "[http, check, schema, logs]",
          "[http, nope]",
          "[]",
          "[product-contract, \"label:area=shop\"]",
          "[\"label:\"]",
          "[\"label:=x\"]",
          "\"label:a=b=c\"",
          "true",
          "false",
          "yes",
          "TRUE",
          "{service: orders, methods: [POST], path: /orders}",
          "{service: carts, methods: [PUT, DELETE], path: \"/carts/*\"}",
          "{service: '*', path: '/**'}",
          "{methods: [GET]}",
          "{service: x, path: relative}",
          "[{service: ~}]",
          "rates.partner.example",
          "\"*.hooks.example\"",
          "\"*.*.example\"",
          "{host: \"*.hooks.example\", ports: [443], methods: [GET, POST]}",
          "{host: api.example, ports: [0, 65536, -1, x]}",
          "{host: '[2001:db8::7]', methods: [TRACE]}",
          "{ports: [80]}",
          "-Bad-.example",
          "203.0.113.7",
          "'[::1]'",
          "[10.20.0.0/16]",
          "[10.20.0.1/16]",
          "[169.254.169.254/32]",
          "[fe80::/10]",
          "[fd00::/8, '::ffff:10.0.0.0/104']",
          "[0.0.0.0/0]",
          "[::/0]",
          "[10.0.0.0/33]",
          "[10.0.0.0/x]",
          "[999.1.1.1/8]",
          "[1.2.3.4.5]",
          "[':::/8']",
          "[':/1']",
          "['1::2::3']",
          "[example.com/8]",
          "64KiB",
          "1MiB",
          "64MiB",
          "65MiB",
          "9999999999MiB",
          "0B",
          "1 kib",
          "512KB",
          "5m",
          "20s",
          "8h",
          "1h30m",
          "0s",
          "999999999d999999999d",
          "1d1d",
          "ms",
          "50",
          "0",
          "100001",
          "2147483648",
          "-5",
          "[X-Session]",
          "['bad header']",
          "['tok_[0-9a-f]{16}']",
          "['x*']",
          "['(unclosed']",
          "['[z-a]']",
          "['\\\\']",
          "['(?<n>a)\\\\k<n>']",
          "['(a|b)*c{1,1000}']",
          "'" + "(".repeat(20) + "a" + ")".repeat(20) + "'");

  /** Values of the skill format, good and bad. */
  public static final List<String> SKILL_VALUES =
      List.of(
          "checkout-price",
          "Bad_Name",
          "-x-",
          "a".repeat(65),
          "1",
          "2.3",
          "{area: shop}",
          "{area: [x]}",
          "{productId: {type: integer, default: 1}}",
          "{type: integer, default: x}",
          "{type: number, default: '1.5'}",
          "{type: boolean, default: maybe}",
          "{type: object, default: {a: 1}}",
          "{type: array, default: '[1, 2'}",
          "{type: date}",
          "{default: \"${{ inputs.y }}\"}",
          "{type: integer, default: \"${{ 1 + 1 }}\"}",
          "{type: string, default: \"${{ 1 / 0 }}\"}",
          "{1bad: {}}",
          "http",
          "check",
          "schema",
          "logs",
          "diff",
          "wait",
          "skill",
          "teleport",
          "compare",
          "same_id",
          "\"${{ inputs.x }}\"",
          "\"${{ steps.a.outputs.body.price > 0 }}\"",
          "\"/products/${{ inputs.productId }}\"",
          "\"${{ }}\"",
          "\"${{ inputs.x \"",
          "\"${{ ((((((((((1)))))))))) }}\"",
          "\"${{ [1, 2].map(x, x * 2) }}\"",
          "\"${{ 'a' + }}\"",
          "\"${{ undeclared.x }}\"",
          "\"${{ inputs.x }}${{ inputs.y }} and ${{\"",
          "\"}}${{\"",
          "{service: frontend, path: /products/1, expectStatus: 200}",
          "{that: \"${{ true }}\", message: ok}",
          "[{id: a, action: check, with: {that: \"${{ true }}\"}}]",
          "[{id: a, action: check}, {id: a, action: check}]",
          "[{action: http}]",
          "[x, 1, ~]",
          "30s",
          "0s",
          "5x",
          "true",
          "nope",
          "[\"ERROR\"]");

  /** Values that are wrong or tricky anywhere. */
  private static final List<String> ODD_VALUES =
      List.of(
          "",
          "*",
          "'*'",
          "~",
          "null",
          "[]",
          "{}",
          "[a, b]",
          "{a: 1, a: 2}",
          "&a [1, 2]",
          "&a {x: 1}",
          "*a",
          "*undefined",
          "{<<: *a, y: 2}",
          "!!str 12",
          "!!int x",
          "!!float 1",
          "!!binary AAAA",
          "!!set {a, b}",
          "!!omap [a: 1]",
          "!custom x",
          "!!python/object:os.system x",
          "|",
          ">-",
          "'unterminated",
          "\"unterminated",
          "\"\\x00\"",
          "\"\\uD800\"",
          "0x1F",
          "1e400",
          ".inf",
          ".nan",
          "99999999999999999999",
          "-0",
          "\u0000",
          "\t",
          "é",
          "\uD83D\uDE00",
          "? a",
          "- - -",
          "[[[[[[]]]]]]",
          "{a: {b: {c: {d: [1, [2, [3]]]}}}}",
          "x".repeat(2_000));

  private HostileYaml() {}

  /** Hostile policy files; {@code real} are real policy files to break. */
  public static Gen<String> policyFile(List<String> real) {
    return file(
        concat(POLICY_KEYS, ODD_KEYS), concat(POLICY_VALUES, ODD_VALUES), real, policyTraps());
  }

  /** Hostile skill files; {@code real} are real skill files to break. */
  public static Gen<String> skillFile(List<String> real) {
    return file(concat(SKILL_KEYS, ODD_KEYS), concat(SKILL_VALUES, ODD_VALUES), real, skillTraps());
  }

  /** The first {@code ```yaml} block of a Markdown file. */
  public static String firstYamlBlock(Path markdown) {
    String text = read(markdown);
    int start = text.indexOf("```yaml\n");
    if (start < 0) {
      throw new IllegalStateException(markdown + " has no ```yaml block");
    }
    start += "```yaml\n".length();
    return text.substring(start, text.indexOf("```", start));
  }

  /** The files directly in {@code dir} ending in {@code .yaml}, sorted. */
  public static List<String> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .map(HostileYaml::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code relative} from the repository root, found by walking up from the working directory (a
   * module's folder under Maven).
   */
  public static Path repoFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  private static Gen<String> file(
      List<String> keys, List<String> values, List<String> real, Gen<String> traps) {
    return Generate.frequency(
        Pair.of(6, lines(keys, values)),
        Pair.of(6, broken(real, keys, values)),
        Pair.of(1, Generate.pick(real)),
        Pair.of(2, GeneratedText.anyText(300)),
        Pair.of(2, GeneratedText.textOf(":-[]{}&*!|>'\"#%@`$ \n\t,?<abc019", 0, 300)),
        Pair.of(1, traps(keys)),
        Pair.of(2, traps));
  }

  /**
   * Where the policy reader hands text to a pattern or a parser of its own: long and deeply nested
   * regular expressions, host names and address ranges.
   */
  private static Gen<String> policyTraps() {
    Gen<Integer> n = Generate.range(1, 40);
    return Generate.oneOf(
        n.map(k -> "redact:\n  patterns: ['" + "a?".repeat(k * 500) + "b']\n"),
        n.map(k -> "redact:\n  patterns: ['" + "(?:x){0,2}".repeat(k * 250) + "b']\n"),
        n.map(
            k ->
                "redact:\n  patterns: ['"
                    + "(".repeat(k * 250)
                    + "a"
                    + ")".repeat(k * 250)
                    + "']\n"),
        n.map(k -> "redact:\n  patterns: ['" + "a|".repeat(k * 1_000) + "a']\n"),
        n.map(k -> "redact:\n  headers: ['" + "x".repeat(k * 10_000) + "']\n"),
        n.map(k -> "http:\n  allow: ['" + "a.".repeat(k * 250) + "a']\n"),
        n.map(k -> "http:\n  allow:\n    - {host: '" + "a.".repeat(k * 250) + "a'}\n"),
        n.map(k -> "http:\n  allow: ['[" + ":".repeat(k * 1_000) + "]']\n"),
        n.map(k -> "http:\n  privateNetworks: ['" + "1:".repeat(k * 1_000) + "/8']\n"),
        n.map(
            k -> "writes:\n  allow:\n    - {service: x, path: '/" + "*".repeat(k * 1_000) + "'}\n"),
        n.map(k -> "limits: {runDuration: " + "1d".repeat(k * 1_000) + "}\n"),
        Generate.pick(
            List.of(
                "http:\n  allow:\n    - {ports: [80]}\n",
                "http:\n  allow:\n    - {host: ~}\n",
                "http: {allow: [{host: [a]}], privateNetworks: [[10.0.0.0/8]]}\n",
                "writes: {allow: [{service: x, path: ~}, {path: /x}]}\n",
                "limits: {bytesPerResponse: 9999999999MiB, stepsPerRun: 2147483648}\n",
                "sandboxes: {perOwner: 0, total: -1, maxTtl: 0s}\n",
                "skills: {allow: ['label:', 'label:=x', '', ~]}\n")));
  }

  /**
   * Where the skill reader reads nested values ({@code with}, {@code if}, {@code outputs}, input
   * defaults) and evaluates expressions: self-referencing anchors, defaults that fail to evaluate.
   */
  private static Gen<String> skillTraps() {
    String head = "name: x\ndescription: d\nwhenToUse: w\n";
    String step = "steps:\n  - {id: a, action: check, with: {that: true}}\n";
    Gen<String> field = Generate.pick(List.of("with", "if", "timeout", "always", "id", "action"));
    Gen<String> type =
        Generate.pick(List.of("string", "integer", "number", "boolean", "object", "array"));
    Gen<String> expression =
        Generate.pick(
            List.of(
                "1 / 0",
                "inputs.y",
                "inputs.y.z",
                "[1][5]",
                "{'a': 1}.b",
                "int('x')",
                "1 + 1",
                "'a' + 'b'",
                "true",
                "[1, 2]",
                "null"));
    return Generate.oneOf(
        field.map(
            f -> head + "steps:\n  - id: a\n    action: check\n    " + f + ": &w {that: [*w]}\n"),
        field.map(f -> head + "steps:\n  - id: a\n    action: check\n    " + f + ": &w [*w]\n"),
        Generate.pick(
            List.of(
                head + step + "outputs: &o {price: *o}\n",
                head + step + "outputs: {price: &p [*p]}\n",
                head + "inputs:\n  x: {type: object, default: &d {a: *d}}\n" + step,
                head + "inputs:\n  x: {type: array, default: &d [*d]}\n" + step,
                head + "labels: &l {a: *l}\n" + step,
                head + "steps: &s [{id: a, action: check, with: *s}]\n",
                head + "steps:\n  - &s {id: a, action: check, with: {that: *s}}\n")),
        type.zip(
            expression,
            (t, e) ->
                head + "inputs:\n  x: {type: " + t + ", default: \"${{ " + e + " }}\"}\n" + step),
        field.zip(
            expression,
            (f, e) ->
                head
                    + "steps:\n  - id: a\n    action: check\n    "
                    + f
                    + ": \"${{ "
                    + e
                    + " }}\"\n"));
  }

  /** {@code key: value} lines at random indentation, so mappings and lists nest arbitrarily. */
  private static Gen<String> lines(List<String> keys, List<String> values) {
    return GeneratedText.lines(line(keys, values), 1, 25);
  }

  private static Gen<String> line(List<String> keys, List<String> values) {
    return Generate.range(0, 4)
        .zip(
            Generate.booleans(),
            Generate.pick(keys),
            Generate.pick(values),
            (indent, item, key, value) ->
                "  ".repeat(indent) + (item ? "- " : "") + key + ": " + value);
  }

  /**
   * A real file with one to four lines changed: a value replaced, a line replaced, dropped or
   * doubled, or delimiters dropped in; mostly valid up to the broken spot, so the readers go deep.
   */
  private static Gen<String> broken(List<String> real, List<String> keys, List<String> values) {
    Gen<Edit> edit =
        Generate.range(0, 5)
            .zip(
                Generate.range(0, 1_000),
                line(keys, values),
                Generate.pick(values),
                GeneratedText.textOf(":-[]{}&*!'\"# ,", 1, 4),
                Edit::new);
    return Generate.pick(real).zip(GeneratedText.listOf(edit, 1, 4), HostileYaml::apply);
  }

  private record Edit(int kind, int at, String line, String value, String noise) {}

  private static String apply(String file, List<Edit> edits) {
    List<String> lines = new ArrayList<>(List.of(file.split("\n", -1)));
    for (Edit e : edits) {
      int i = e.at() % lines.size();
      String l = lines.get(i);
      int colon = l.indexOf(": ");
      switch (e.kind()) {
        case 0 ->
            lines.set(i, colon < 0 ? l + " " + e.value() : l.substring(0, colon + 2) + e.value());
        case 1 -> lines.set(i, e.line());
        case 2 -> lines.remove(i);
        case 3 -> lines.add(i, l);
        case 4 ->
            lines.set(
                i,
                l.substring(0, e.at() % (l.length() + 1))
                    + e.noise()
                    + l.substring(e.at() % (l.length() + 1)));
        default -> lines.add(i, indentOf(l) + e.line().strip());
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
    }
    return String.join("\n", lines);
  }

  private static String indentOf(String line) {
    return line.substring(0, line.length() - line.stripLeading().length());
  }

  /** Alias bombs, self-references, deep nesting, huge scalars: each must end in a located error. */
  private static Gen<String> traps(List<String> keys) {
    Gen<String> key = Generate.pick(keys);
    return Generate.oneOf(
        key.zip(Generate.range(1, 25), HostileYaml::aliasBomb),
        key.zip(Generate.range(40, 5_000), (k, depth) -> k + ": " + "[".repeat(depth)),
        key.zip(
            Generate.range(40, 5_000),
            (k, depth) -> k + ": " + "{a: ".repeat(depth) + "1" + "}".repeat(depth)),
        Generate.range(40, 2_000).map(HostileYaml::deepMapping),
        key.zip(Generate.range(1, 3), (k, n) -> k + ": " + "x".repeat(n * 400_000)),
        Generate.range(1, 200)
            .map(
                n ->
                    "redact:\n  patterns: ['"
                        + "(".repeat(n * 500)
                        + "a"
                        + ")".repeat(n * 500)
                        + "']\n"),
        Generate.range(1, 100)
            .map(n -> "redact:\n  patterns: ['" + "a|".repeat(n * 1_000) + "a']\n"),
        Generate.range(1, 100).map(n -> "http:\n  allow: ['" + "a.".repeat(n * 1_000) + "!']\n"),
        Generate.range(1, 100).map(n -> "http:\n  allow: ['" + "a-".repeat(n * 1_000) + "']\n"),
        key.zip(
            Generate.range(1, 100),
            (k, n) -> k + ": \"${{ " + "(".repeat(n * 100) + "1" + ")".repeat(n * 100) + " }}\"\n"),
        key.zip(key, (a, b) -> a + ": &a [*a]\n" + b + ": *a\n"),
        key.zip(key, (a, b) -> a + ": &a {" + b + ": *a}\n"),
        key.zip(key, (a, b) -> a + ": &a {<<: *a, " + b + ": 1}\n"),
        Generate.pick(
            List.of(
                "&a {*a: 1}\n",
                "steps:\n  - &s {id: a, action: check, with: {that: *s}}\n",
                "steps:\n  - id: a\n    action: check\n    with: &w {that: [*w]}\n",
                "steps:\n  - id: a\n    action: check\n    if: &w [*w]\n",
                "name: x\ndescription: d\nwhenToUse: w\nsteps: &s [{id: a, action: check, with: *s}]\n",
                "outputs: &o {price: *o}\n",
                "inputs:\n  x: {type: object, default: &d {a: *d}}\n",
                "http:\n  allow: &h [*h]\n",
                "redact: &r {patterns: [*r]}\n",
                "%YAML 9.9\n---\nx: 1\n",
                "--- a\n--- b\n",
                "---\n...\n",
                "x: 1\n" + "# comment\n".repeat(100_000))));
  }

  private static String aliasBomb(String key, int levels) {
    StringBuilder out = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= levels; i++) {
      out.append('a').append(i).append(": &a").append(i).append(" [*a").append(i - 1);
      out.append(", *a").append(i - 1).append("]\n");
    }
    return out.append(key).append(": *a").append(levels).append('\n').toString();
  }

  private static String deepMapping(int depth) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      out.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    return out.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
