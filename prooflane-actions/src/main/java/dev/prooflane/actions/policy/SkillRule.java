package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One entry of {@code skills.allow}: a skill name, or {@code label:key=value}.
 *
 * @param name the skill's name, or null for a label rule
 * @param labelKey the label's key, or null for a name rule
 * @param labelValue the label's value, or null for a name rule
 */
public record SkillRule(String name, String labelKey, String labelValue) {
  public SkillRule {
    if ((name == null) == (labelKey == null)) {
      throw new IllegalArgumentException("a skill rule has a name or a label, not both");
    }
    if (labelKey != null) {
      requireNonNull(labelValue, "labelValue");
    }
  }

  /** Reads {@code name} or {@code label:key=value}; throws IllegalArgumentException naming it. */
  public static SkillRule parse(String text) {
    if (text.startsWith("label:")) {
      String[] kv = text.substring("label:".length()).split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException(
            "'" + text + "' (expected: a skill name, or label:key=value such as label:area=shop)");
      }
      return new SkillRule(null, kv[0].trim(), kv[1].trim());
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty skill name (expected: a name or label:key=value)");
    }
    return new SkillRule(text.trim(), null, null);
  }

  /** Whether a skill with this name and these labels matches. */
  public boolean matches(String skill, Map<String, String> labels) {
    return name != null ? name.equals(skill) : labelValue.equals(labels.get(labelKey));
  }

  @Override
  public String toString() {
    return name != null ? name : "label:" + labelKey + "=" + labelValue;
  }
}
