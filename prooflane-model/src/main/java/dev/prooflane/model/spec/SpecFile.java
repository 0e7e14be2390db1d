package dev.prooflane.model.spec;

import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One YAML spec file being read: its name, its root node and the problems found so far.
 *
 * <p>Parsing is bounded: at most {@link #MAX_CHARS} characters, no alias expansion bombs, no custom
 * tags.
 */
public final class SpecFile {
  /** The largest spec file accepted. */
  public static final int MAX_CHARS = 1 << 20;

  private final String name;
  private final List<SpecProblem> problems = new ArrayList<>();
  private final SpecNode root;

  private SpecFile(String name, String text) {
    this.name = name;
    this.root = parse(text);
  }

  /**
   * Parses {@code text}; a syntax error throws a located {@link SpecException} at once, since
   * nothing after it can be trusted.
   */
  public static SpecFile parse(String name, String text) {
    SpecFile file = new SpecFile(name, text);
    file.throwIfProblems();
    return file;
  }

  public String name() {
    return name;
  }

  public SpecNode root() {
    return root;
  }

  List<SpecProblem> problems() {
    return problems;
  }

  /** Throws a {@link SpecException} with every problem recorded, if there is any. */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
  }

  private SpecNode parse(String text) {
    if (text.length() > MAX_CHARS) {
      problems.add(
          new SpecProblem(
              name, 0, 0, "", "file is larger than " + MAX_CHARS + " characters (split it)"));
      return null;
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by SpecNode with the line, not thrown here
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(50);
    options.setCodePointLimit(MAX_CHARS);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try {
      Node node = yaml.compose(new StringReader(text));
      if (node == null) {
        problems.add(new SpecProblem(name, 1, 1, "", "file is empty"));
        return null;
      }
      Node cycle = Cycles.find(node);
      if (cycle != null) {
        problems.add(
            new SpecProblem(
                name,
                cycle.getStartMark().getLine() + 1,
                cycle.getStartMark().getColumn() + 1,
                "",
                "this value holds itself (an alias *x inside its own anchor &x): write the value"
                    + " out instead"));
        return null;
      }
      return new SpecNode(this, node, "");
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      problems.add(
          new SpecProblem(
              name,
              mark == null ? 0 : mark.getLine() + 1,
              mark == null ? 0 : mark.getColumn() + 1,
              "",
              "YAML syntax: " + e.getProblem() + " (fix the indentation or quoting there)"));
      return null;
    } catch (YAMLException e) {
      problems.add(new SpecProblem(name, 0, 0, "", "YAML: " + e.getMessage()));
      return null;
    } catch (IllegalArgumentException e) {
      // SnakeYAML checks some values (tags such as "!::%a") outside its marked errors
      problems.add(
          new SpecProblem(
              name, 0, 0, "", "YAML: " + e.getMessage() + " (check the tags, the words after !)"));
      return null;
    }
  }
}
