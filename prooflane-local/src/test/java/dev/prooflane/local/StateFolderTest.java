package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateFolderTest {
  private final StateFolder state = StateFolder.of(Path.of("/srv/prooflane"));

  @Test
  void namesEachFileAsDocumentedInTheStateFolder() {
    assertThat(state.stateDb()).isEqualTo(Path.of("/srv/prooflane/state.db"));
    assertThat(state.logs()).isEqualTo(Path.of("/srv/prooflane/logs"));
    assertThat(state.daemonInfo()).isEqualTo(Path.of("/srv/prooflane/daemon.json"));
    assertThat(state.daemonLog()).isEqualTo(Path.of("/srv/prooflane/daemon.log"));
    assertThat(state.tokens()).isEqualTo(Path.of("/srv/prooflane/tokens.db"));
    assertThat(state.adminToken()).isEqualTo(Path.of("/srv/prooflane/admin.token"));
    assertThat(state.audit()).isEqualTo(Path.of("/srv/prooflane/audit.jsonl"));
    assertThat(state.auditHead()).isEqualTo(Path.of("/srv/prooflane/audit.head"));
    assertThat(state.runs()).isEqualTo(Path.of("/srv/prooflane/runs"));
    assertThat(state.keys()).isEqualTo(Path.of("/srv/prooflane/keys"));
    assertThat(state.validations()).isEqualTo(Path.of("/srv/prooflane/validate"));
    assertThat(state.kafka()).isEqualTo(Path.of("/srv/prooflane/kafka"));
    assertThat(state.kafkaData()).isEqualTo(Path.of("/srv/prooflane/kafka/data"));
    assertThat(state.kafkaLog()).isEqualTo(Path.of("/srv/prooflane/kafka/broker.log"));
  }

  @Test
  void keepsEveryFileOfTheKafkaBrokerInsideItsFolderAndApart() {
    List<Path> entries =
        List.of(
            state.kafkaData(),
            state.kafkaClusterId(),
            state.kafkaConfig(),
            state.kafkaLogConfig(),
            state.kafkaLog(),
            state.kafkaFormatLog());
    assertThat(entries).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(state.kafka()));
    assertThat(entries).doesNotHaveDuplicates();
    assertThat(state.writtenFolders()).contains(state.kafka());
  }

  @Test
  void keepsEveryEntryDirectlyInsideTheFolderAndApart() {
    List<Path> entries =
        List.of(
            state.stateDb(),
            state.logs(),
            state.daemonInfo(),
            state.daemonLog(),
            state.tokens(),
            state.adminToken(),
            state.audit(),
            state.auditHead(),
            state.runs(),
            state.keys(),
            state.validations(),
            state.kafka());
    assertThat(entries).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(state.root()));
    assertThat(entries).doesNotHaveDuplicates();
  }

  @Test
  void refusesAMissingRoot() {
    assertThatThrownBy(() -> StateFolder.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("root");
  }
}
