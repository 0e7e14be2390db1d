package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropWriterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T07:01:02Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void createsTheFolderAndAppendsOneWholeLinePerRecord() throws Exception {
    Path file = dir.resolve("drops/baseline/catalog.jsonl");
    DropWriter writer = new DropWriter(Configs.of(file), CLOCK, stderr);

    assertThat(writer.append("{\"n\":1}")).isTrue();
    assertThat(writer.append("{\"n\":2}")).isTrue();

    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void appendsToWhatTheFileAlreadyHolds() throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");

    new DropWriter(Configs.of(file), CLOCK, stderr).append("{\"n\":1}");

    assertThat(Files.readAllLines(file)).containsExactly("{\"earlier\":true}", "{\"n\":1}");
  }

  @Test
  void pastItsLimitWritesOneLastRecordAndThenNothing() throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    DropWriter writer = new DropWriter(Configs.of(file, 1024), CLOCK, stderr);
    String record = "{\"pad\":\"" + "x".repeat(200) + "\"}";

    int written = 0;
    while (writer.append(record)) {
      written++;
    }
    boolean afterLimit = writer.append("{\"n\":1}");

    List<String> lines = Files.readAllLines(file);
    assertThat(written).isPositive();
    assertThat(afterLimit).isFalse();
    assertThat(lines).hasSize(written + 1);
    assertThat(lines.subList(0, written)).containsOnly(record);
    assertThat(new ObjectMapper().readTree(lines.get(written)).get("limitReached").asBoolean())
        .isTrue();
    assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
  }

  @Test
  void anUnwritableFileCostsOneLineOnStderrAndIsThenSilent() throws Exception {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "");
    DropWriter writer =
        new DropWriter(Configs.of(notAFolder.resolve("catalog.jsonl")), CLOCK, stderr);

    assertThat(writer.append("{\"n\":1}")).isFalse();
    assertThat(writer.append("{\"n\":2}")).isFalse();

    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("prooflane drop detector: cannot write ")
        .endsWith("no more drop records from this process");
  }
}
