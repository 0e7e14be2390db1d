package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropWriterTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void createsTheFolderAndAppendsOneWholeLinePerRecord() throws Exception {
    Path file = dir.resolve("drops/baseline/catalog.jsonl");
    DropWriter writer = new DropWriter(Configs.of(file), stderr);

    assertThat(writer.append("{\"n\":1}")).isTrue();
    assertThat(writer.append("{\"n\":2}")).isTrue();

    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void appendsToWhatTheFileAlreadyHolds() throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");

    new DropWriter(Configs.of(file), stderr).append("{\"n\":1}");

    assertThat(Files.readAllLines(file)).containsExactly("{\"earlier\":true}", "{\"n\":1}");
  }

  @Test
  void pastItsLimitStartsANewFileAndKeepsThePreviousOneAsDotOne() throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    Path previous = dir.resolve("catalog.jsonl.1");
    DropWriter writer = new DropWriter(Configs.of(file, 1024), stderr);
    String record = "{\"pad\":\"" + "x".repeat(200) + "\"}";
    int perFile = 1024 / (record.length() + 1);

    for (int n = 0; n < perFile * 3 + 1; n++) {
      assertThat(writer.append(record)).as("record %d", n).isTrue();
    }
    assertThat(writer.append("{\"n\":\"last\"}")).isTrue();

    assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
    assertThat(Files.size(previous)).isLessThanOrEqualTo(1024);
    assertThat(Files.readAllLines(previous)).hasSize(perFile).containsOnly(record);
    assertThat(Files.readAllLines(file)).endsWith("{\"n\":\"last\"}");
  }

  @Test
  void neverWritesARecordLargerThanAWholeFile() throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    DropWriter writer = new DropWriter(Configs.of(file, 1024), stderr);

    assertThat(writer.append("{\"pad\":\"" + "x".repeat(2000) + "\"}")).isFalse();
    assertThat(writer.append("{\"n\":1}")).isTrue();

    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}");
  }

  @Test
  void anUnwritableFileCostsOneLineOnStderrAndIsThenSilent() throws Exception {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "");
    DropWriter writer = new DropWriter(Configs.of(notAFolder.resolve("catalog.jsonl")), stderr);

    assertThat(writer.append("{\"n\":1}")).isFalse();
    assertThat(writer.append("{\"n\":2}")).isFalse();

    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("prooflane drop detector: cannot write ")
        .endsWith("no more drop records from this process");
  }
}
