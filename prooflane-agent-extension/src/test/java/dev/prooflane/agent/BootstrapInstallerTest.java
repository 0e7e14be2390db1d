package dev.prooflane.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.agent.detector.Detector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootstrapInstallerTest {

  @Test
  void listsEveryClassOfTheCorePackage() throws Exception {
    Path classes =
        Path.of(Detector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> compiled;
    try (Stream<Path> files = Files.list(classes.resolve(BootstrapInstaller.CORE_PACKAGE))) {
      compiled =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
              .map(name -> name.substring(0, name.length() - ".class".length()))
              .collect(Collectors.toList());
    }

    assertThat(BootstrapInstaller.CORE_CLASSES).containsExactlyInAnyOrderElementsOf(compiled);
  }

  @Test
  void staysOffWithoutADropsFile() {
    assertThat(System.getProperty("prooflane.drops.file")).isNull();
    assertThat(BootstrapInstaller.installed()).isFalse();
  }
}
