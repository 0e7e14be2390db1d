package dev.prooflane.actions.policy;

import dev.prooflane.model.spec.SpecNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code forks:} section of a policy: {@code commands}, {@code artifacts}, {@code env},
 * {@code args}.
 */
final class ForkRulesReader {
  private static final Pattern VARIABLE = Pattern.compile("\\*|[A-Za-z_][A-Za-z0-9_]*\\*?");

  private ForkRulesReader() {}

  static ForkRules read(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, Set.of("commands", "artifacts", "env", "args"));
    ForkRules d = ForkRules.DEFAULT;
    List<CommandRule> commands = d.commands();
    if (f.containsKey("commands")) {
      commands = new ArrayList<>();
      for (SpecNode item : f.get("commands").items()) {
        List<String> words = item.command();
        if (words != null) {
          commands.add(new CommandRule(words));
        }
      }
    }
    List<String> artifacts = d.artifacts();
    if (f.containsKey("artifacts")) {
      artifacts = new ArrayList<>();
      for (SpecNode item : f.get("artifacts").items()) {
        String folder = folder(item);
        if (folder != null) {
          artifacts.add(folder);
        }
      }
    }
    List<String> env = d.env();
    if (f.containsKey("env")) {
      env = new ArrayList<>();
      for (SpecNode item : f.get("env").items()) {
        String name = item.text();
        if (name != null && !VARIABLE.matcher(name).matches()) {
          item.problem(
              "'"
                  + name
                  + "' (expected: a variable name such as LOG_LEVEL, a prefix such as FEATURE_*,"
                  + " or * for every name but the launcher variables)");
        } else if (name != null) {
          env.add(name);
        }
      }
    }
    boolean args = d.args();
    if (f.containsKey("args")) {
      Object value = f.get("args").scalar();
      if (value instanceof Boolean b) {
        args = b;
      } else {
        f.get("args").problem("expected true or false");
      }
    }
    return new ForkRules(commands, artifacts, env, args);
  }

  private static String folder(SpecNode item) {
    String text = item.text();
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      return item.problem(
          "empty folder (expected: a folder, relative to the environment's folder)");
    }
    try {
      Path.of(text);
      return text;
    } catch (InvalidPathException e) {
      return item.problem("'" + text + "' is not a valid path: " + e.getReason());
    }
  }
}
