package dev.prooflane.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
  @Test
  void isASingleNodeCombinedBrokerAndControllerOnLoopback() throws Exception {
    BrokerConfig config = new BrokerConfig(19092, 19093, 3, Path.of("/state/kafka/data"));
    Properties read = new Properties();
    read.load(new StringReader(config.text()));

    assertThat(read)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("log.dirs", "/state/kafka/data")
        .containsEntry("num.partitions", "3")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0");
    assertThat(config.bootstrap()).isEqualTo("127.0.0.1:19092");
  }
}
