package dev.prooflane.server.runs;

import dev.prooflane.actions.expr.Template;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A one-step skill made for running one action on its own. */
final class AdhocSkill {
  private AdhocSkill() {}

  private static String digest(String text) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "sha256:" + java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * A skill {@code action-<name>} whose only step {@code action} runs {@code action} with {@code
   * with}.
   */
  static Skill of(String action, Map<String, Object> with, Path runsDir) {
    String where = "<" + action + " request>";
    SkillStep step =
        new SkillStep(
            "action",
            action,
            Template.literal(with, where),
            Optional.empty(),
            Optional.empty(),
            false,
            where);
    return new Skill(
        "action-" + action,
        "adhoc",
        "runs the " + action + " action once",
        "exploring: one governed action on its own",
        Map.of(),
        List.of(),
        List.of(step),
        Map.of(),
        runsDir.resolve("adhoc").resolve(action + ".yaml"),
        digest(action + " " + dev.prooflane.server.json.Json.write(with)));
  }
}
