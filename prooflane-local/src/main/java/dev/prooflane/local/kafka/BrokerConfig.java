package dev.prooflane.local.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of the single-node KRaft broker: one JVM that is both broker and controller
 * (combined mode), a static one-voter quorum, both listeners on 127.0.0.1 in plain text, and the
 * replication settings of the internal topics lowered to the one node there is.
 *
 * <p>The quorum is static ({@code controller.quorum.voters}), not bootstrapped ({@code
 * --standalone}): a static voter's address is read from this file at each start, so the ports may
 * differ from one start to the next while the formatted data stays.
 *
 * @param port the client listener's port
 * @param controllerPort the controller listener's port
 * @param partitions the partitions of topics created without a count
 * @param data the broker's {@code log.dirs}
 */
record BrokerConfig(int port, int controllerPort, int partitions, Path data) {
  /** The broker's node id, and so its voter id: there is one node. */
  static final int NODE_ID = 1;

  BrokerConfig {
    requireNonNull(data, "data");
  }

  /** Where clients reach the broker: {@code 127.0.0.1:port}. */
  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** The {@code server.properties} entries, in the order written. */
  Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + bootstrap());
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", data.toAbsolutePath().toString());
    p.put("num.partitions", Integer.toString(partitions));
    p.put("auto.create.topics.enable", "true");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    // a consumer group forms at once: no 3 s wait for more members on a laptop
    p.put("group.initial.rebalance.delay.ms", "0");
    // few threads: the broker shares a laptop (or a 2-core CI machine) with the services
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("background.threads", "2");
    return p;
  }

  /** The properties file's text. */
  String text() {
    StringBuilder out =
        new StringBuilder("# written by Prooflane at each start of the broker; edits are lost\n");
    properties().forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
    return out.toString();
  }

  /** The logging configuration: every line to the output, which the daemon captures. */
  static String log4j() {
    return """
        # written by Prooflane: the broker logs to its output, captured in broker.log
        status = warn
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = [%d] %p %m (%c)%n
        rootLogger.level = info
        rootLogger.appenderRef.out.ref = out
        # the full configuration dumps (thousands of lines each start) hide the lines that matter
        logger.config.name = org.apache.kafka.common.config.AbstractConfig
        logger.config.level = warn
        """;
  }

  /** A value as a properties file reads it back: backslashes doubled (a Windows path). */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
