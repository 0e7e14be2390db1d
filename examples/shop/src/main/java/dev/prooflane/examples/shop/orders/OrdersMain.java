package dev.prooflane.examples.shop.orders;

import dev.prooflane.examples.shop.http.JsonServer;
import dev.prooflane.examples.shop.http.Launcher;
import dev.prooflane.examples.shop.kafka.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The orders service; publishes to the broker at {@code KAFKA_BOOTSTRAP}. */
public final class OrdersMain {
  private OrdersMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "orders",
        (env, port, console) -> {
          KafkaSettings kafka = KafkaSettings.of(env);
          OrdersService orders =
              new OrdersService(
                  new KafkaProducer<>(kafka.producer("orders-" + env.servedBy())),
                  kafka.topic(),
                  env.servedBy(),
                  console);
          return JsonServer.start("orders", port, orders::answer, orders);
        });
  }
}
