package dev.prooflane.actions.kafka;

import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.model.ProoflaneException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** The environment's broker as the kafka actions' clients reach it. */
final class Broker {
  private Broker() {}

  /**
   * The client settings for the broker of the run's environment: its bootstrap, a client id naming
   * the run's step.
   *
   * @throws ProoflaneException when the environment declares no broker
   */
  static Map<String, Object> clientConfig(ActionContext context, String action) {
    String bootstrap =
        context
            .runtime()
            .kafkaBootstrap()
            .filter(b -> !b.isBlank())
            .orElseThrow(
                () ->
                    new ProoflaneException(
                        "step '"
                            + context.stepId()
                            + "' ("
                            + action
                            + "): the environment declares no kafka: section (add one to"
                            + " prooflane.yaml: kafka: {topics: [orders]}, or bootstrap: of an"
                            + " existing broker)"));
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(
        CommonClientConfigs.CLIENT_ID_CONFIG,
        "prooflane-" + action + "-" + context.runId() + "-" + context.stepId());
    return config;
  }
}
