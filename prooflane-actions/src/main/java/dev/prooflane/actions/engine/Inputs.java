package dev.prooflane.actions.engine;

import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a skill's input declarations to given values: types, defaults, required, unknown. */
final class Inputs {
  private Inputs() {}

  /** The typed inputs; throws IllegalArgumentException listing every problem. */
  static Map<String, Object> resolve(Skill skill, Map<String, Object> given) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : given.keySet()) {
      if (skill.inputs().stream().noneMatch(i -> i.name().equals(name))) {
        problems.add(
            "input '"
                + name
                + "': skill '"
                + skill.name()
                + "' has no such input (it takes: "
                + names(skill)
                + ")");
      }
    }
    for (SkillInput input : skill.inputs()) {
      Object value = given.get(input.name());
      if (value == null) {
        if (input.required()) {
          problems.add(
              "input '"
                  + input.name()
                  + "' is required ("
                  + input.type().label()
                  + ": "
                  + input.description()
                  + ")");
        } else {
          out.put(input.name(), input.defaultValue().get());
        }
        continue;
      }
      try {
        out.put(input.name(), input.type().coerce(value));
      } catch (IllegalArgumentException e) {
        problems.add("input '" + input.name() + "': " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return out;
  }

  private static String names(Skill skill) {
    List<String> names = skill.inputs().stream().map(SkillInput::name).toList();
    return names.isEmpty() ? "no inputs" : String.join(", ", names);
  }
}
