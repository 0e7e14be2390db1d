package dev.prooflane.actions.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skill folders read again when, and only when, what a load reads changed. */
class SkillLibraryTest {
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();

  @TempDir Path environment;
  private Path skills;
  private final SkillLibrary library = new SkillLibrary();

  @BeforeEach
  void folder() throws Exception {
    skills = Files.createDirectories(environment.resolve("skills"));
    write("first", "one");
  }

  private SkillCatalog catalog() {
    return library.catalog(environment, List.of(skills), ACTIONS);
  }

  private void write(String name, String description) throws Exception {
    Files.writeString(
        skills.resolve(name + ".yaml"),
        """
        name: %s
        description: %s
        whenToUse: w
        steps:
          - id: only
            action: check
            with: { that: "${{ true }}" }
        """
            .formatted(name, description));
  }

  @Test
  void keepsTheCatalogWhileNothingChanged() throws Exception {
    SkillCatalog first = catalog();
    Files.writeString(skills.resolve("notes.txt"), "not a skill file");

    assertThat(catalog()).isSameAs(first);
    assertThat(first.get("first").description()).isEqualTo("one");
  }

  @Test
  void readsAFileAgainWhoseBytesChangedEvenWithTheSameSizeAndTime() throws Exception {
    SkillCatalog before = catalog();
    FileTime time = Files.getLastModifiedTime(skills.resolve("first.yaml"));
    write("first", "two");
    Files.setLastModifiedTime(skills.resolve("first.yaml"), time);

    SkillCatalog after = catalog();

    assertThat(after).isNotSameAs(before);
    assertThat(after.get("first").description()).isEqualTo("two");
  }

  @Test
  void seesAddedAndRemovedSkillFiles() throws Exception {
    catalog();
    write("second", "added");
    assertThat(catalog().all()).extracting(Skill::name).containsExactly("first", "second");

    Files.delete(skills.resolve("first.yaml"));
    assertThat(catalog().all()).extracting(Skill::name).containsExactly("second");
  }

  @Test
  void keepsNothingThatFailedAndReportsItEveryTime() throws Exception {
    catalog();
    Files.writeString(skills.resolve("broken.yaml"), "name: broken\n");

    assertThatThrownBy(this::catalog).isInstanceOf(SpecException.class);
    assertThatThrownBy(this::catalog).isInstanceOf(SpecException.class);

    Files.delete(skills.resolve("broken.yaml"));
    assertThat(catalog().all()).extracting(Skill::name).containsExactly("first");
  }

  @Test
  void aCatalogOfOtherFoldersIsReadForThem() throws Exception {
    SkillCatalog first = catalog();
    Path extra = Files.createDirectories(environment.resolve("extra"));

    SkillCatalog both = library.catalog(environment, List.of(skills, extra), ACTIONS);

    assertThat(both).isNotSameAs(first);
    assertThat(library.catalog(environment, List.of(skills), ACTIONS)).isNotSameAs(both);
  }

  @Test
  void readsAgainWhenAFileIsRenamed() throws Exception {
    SkillCatalog before = catalog();
    Files.move(skills.resolve("first.yaml"), skills.resolve("renamed.yml"));

    SkillCatalog after = catalog();

    assertThat(after).isNotSameAs(before);
    assertThat(after.reportPath("first")).endsWith("renamed.yml");
  }

  @Test
  void concurrentRequestsSeeAnEditOnceItIsWritten() throws Exception {
    ExecutorService requests = Executors.newFixedThreadPool(8);
    try {
      for (String description : List.of("one", "two", "three")) {
        write("first", description);
        List<Future<String>> seen = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          seen.add(requests.submit(() -> catalog().get("first").description()));
        }
        for (Future<String> one : seen) {
          assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo(description);
        }
      }
    } finally {
      requests.shutdownNow();
    }
  }
}
