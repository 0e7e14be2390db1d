package dev.prooflane.examples.shop.notifier;

import dev.prooflane.examples.shop.http.JsonServer;
import dev.prooflane.examples.shop.http.Launcher;
import dev.prooflane.examples.shop.http.SettingException;
import dev.prooflane.examples.shop.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;

/**
 * The notifier; consumes {@code orders} from the broker at {@code KAFKA_BOOTSTRAP} in group {@code
 * GROUP_ID}, with the consumer interceptors of {@code KAFKA_INTERCEPTORS} when set.
 */
public final class NotifierMain {
  private NotifierMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "notifier",
        (env, port, console) -> {
          KafkaSettings kafka = KafkaSettings.of(env);
          String group =
              env.setting("GROUP_ID", "the consumer group, e.g. GROUP_ID=notifier-baseline");
          KafkaConsumer<String, String> consumer;
          try {
            consumer = new KafkaConsumer<>(kafka.consumer(group, "notifier-" + env.servedBy()));
          } catch (KafkaException e) {
            throw new SettingException(
                "KAFKA_INTERCEPTORS",
                "notifier: cannot create the Kafka consumer: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + " (check KAFKA_BOOTSTRAP, GROUP_ID and KAFKA_INTERCEPTORS"
                    + kafka.interceptors().map(i -> "=" + i).orElse("")
                    + ")");
          }
          Notifier notifier = Notifier.start(consumer, kafka.topic(), env.servedBy(), console);
          return JsonServer.start("notifier", port, notifier::answer, notifier);
        });
  }
}
