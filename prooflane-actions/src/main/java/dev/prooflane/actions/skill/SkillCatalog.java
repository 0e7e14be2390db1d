package dev.prooflane.actions.skill;

import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The skills of one or more folders ({@code *.yaml} / {@code *.yml}), by name, and how reports name
 * each skill's file.
 */
public final class SkillCatalog {
  private final Map<String, Skill> skills;
  private final Map<String, String> reportPaths;

  private SkillCatalog(Map<String, Skill> skills, Map<String, String> reportPaths) {
    this.skills = skills;
    this.reportPaths = reportPaths;
  }

  /**
   * Reads the skill files directly in {@code dirs}, as {@link #load(Path, List, Set)} does, in an
   * environment whose folder is the current directory.
   */
  public static SkillCatalog load(List<Path> dirs, Set<String> actions) {
    return load(Path.of(""), dirs, actions);
  }

  /**
   * Reads the skill files directly in {@code dirs} ({@code *.yaml}, {@code *.yml}; subfolders hold
   * schemas and OpenAPI documents, not skills); all problems of all files are reported together.
   * Reports, step locations and problems name a skill's file relative to {@code base} (the
   * environment's folder), or, outside it, as {@code skill-dir:<folder name>/<file>}.
   */
  public static SkillCatalog load(Path base, List<Path> dirs, Set<String> actions) {
    Map<String, Skill> skills = new TreeMap<>();
    Map<String, String> reportPaths = new TreeMap<>();
    List<SpecProblem> problems = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        problems.add(
            new SpecProblem(
                dir.toString(),
                0,
                0,
                "",
                "not a folder of skills (pass a folder holding *.yaml skill files)"));
        continue;
      }
      try {
        for (Path file : skillFiles(dir)) {
          try {
            String reportPath = ReportPath.of(base, dir, file);
            Skill skill = SkillReader.read(file, reportPath, actions);
            Skill other = skills.putIfAbsent(skill.name(), skill);
            if (other == null) {
              reportPaths.put(skill.name(), reportPath);
            } else {
              problems.add(
                  new SpecProblem(
                      file.toString(),
                      0,
                      0,
                      "name",
                      "skill '"
                          + skill.name()
                          + "' is also defined in "
                          + other.file()
                          + " (names are unique)"));
            }
          } catch (SpecException e) {
            problems.addAll(e.problems());
          }
        }
      } catch (IOException e) {
        throw new ProoflaneException("cannot list skills in " + dir + ": " + e.getMessage(), e);
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    return new SkillCatalog(skills, reportPaths);
  }

  /**
   * A catalog of the given skills (for tests and single files); reports name each file relative to
   * the current directory, or by its folder when it lies outside.
   */
  public static SkillCatalog of(Collection<Skill> skills) {
    Map<String, Skill> map = new TreeMap<>();
    Map<String, String> reportPaths = new TreeMap<>();
    for (Skill s : skills) {
      map.put(s.name(), s);
      reportPaths.put(s.name(), ReportPath.of(Path.of(""), s.dir(), s.file()));
    }
    return new SkillCatalog(map, reportPaths);
  }

  /** The skill files directly in {@code dir}, in name order. */
  static List<Path> skillFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir, 1)) {
      return files.filter(SkillCatalog::isSkillFile).sorted().toList();
    }
  }

  private static boolean isSkillFile(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /** Every skill, by name. */
  public Collection<Skill> all() {
    return skills.values();
  }

  /**
   * How reports name the file of skill {@code name}: relative to the environment's folder, or
   * {@code skill-dir:<folder name>/<file>}; never an absolute path.
   */
  public String reportPath(String name) {
    get(name);
    return reportPaths.get(name);
  }

  /** The skill named {@code name}, or a NotFoundException listing the known ones. */
  public Skill get(String name) {
    Skill skill = skills.get(name);
    if (skill == null) {
      throw new NotFoundException(
          "skill", name, "known skills: " + String.join(", ", skills.keySet()));
    }
    return skill;
  }
}
