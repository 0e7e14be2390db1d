package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogBufferTest {
  @TempDir Path dir;

  @Test
  void keepsOnlyTheLastLinesInMemoryButEveryLineInTheFile() throws Exception {
    Path file = dir.resolve("logs/pr-1/pricing.log");
    LogBuffer logs = new LogBuffer(file, 3);
    for (int i = 1; i <= 5; i++) {
      logs.append(i % 2 == 0 ? LogLine.STDERR : LogLine.STDOUT, "line " + i);
    }
    logs.closeFile();

    assertThat(logs.lastSeq()).isEqualTo(5);
    assertThat(logs.tail(10))
        .extracting(LogLine::text)
        .containsExactly("line 3", "line 4", "line 5");
    assertThat(logs.tail(2)).extracting(LogLine::seq).containsExactly(4L, 5L);
    assertThat(logs.tail(0)).isEmpty();
    assertThat(logs.since(4)).extracting(LogLine::text).containsExactly("line 5");
    assertThat(logs.since(0)).extracting(LogLine::seq).containsExactly(3L, 4L, 5L);
    assertThat(logs.since(5)).isEmpty();

    List<String> written = Files.readAllLines(file);
    assertThat(written).hasSize(5);
    assertThat(written.get(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z stderr line 2");
    assertThat(written.get(4)).endsWith(" stdout line 5");
  }

  @Test
  void appendsToTheFileOfAnEarlierRun() throws Exception {
    Path file = dir.resolve("a.log");
    LogBuffer first = new LogBuffer(file, 10);
    first.append(LogLine.STDOUT, "first run");
    first.closeFile();
    LogBuffer second = new LogBuffer(file, 10);
    second.append(LogLine.STDOUT, "second run");
    second.closeFile();

    assertThat(Files.readString(file)).contains("first run").contains("second run");
    assertThat(second.tail(10)).extracting(LogLine::text).containsExactly("second run");
  }

  @Test
  void cutsRunawayLines() {
    LogBuffer logs = new LogBuffer(dir.resolve("b.log"), 10);
    logs.append(LogLine.STDOUT, "x".repeat(LogBuffer.MAX_LINE_CHARS * 2));

    assertThat(logs.tail(1).get(0).text())
        .hasSizeLessThan(LogBuffer.MAX_LINE_CHARS + 100)
        .endsWith("characters]");
  }

  @Test
  void keepsWorkingInMemoryWhenTheFileCannotBeOpened() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "");
    LogBuffer logs = new LogBuffer(blocker.resolve("x.log"), 10);
    logs.append(LogLine.STDOUT, "still here");

    assertThat(logs.fileError()).contains("not-a-dir");
    assertThat(logs.tail(1)).extracting(LogLine::text).containsExactly("still here");
  }
}
