package dev.prooflane.examples.shop.orders;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.HeaderPropagation;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.kafka.RecordHeaders;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Takes orders: {@code POST /orders {"item": "book", "qty": 2}} publishes {@code {"id", "item",
 * "qty"}} to the topic, keyed by the order's id, with the request's trace context and baggage in
 * the record's headers, and answers 202 with where the record went once the broker acknowledged it;
 * {@code GET /health}. One log line per order.
 */
public final class OrdersService implements AutoCloseable {
  private static final long SEND_SECONDS = 10;

  private final Producer<String, String> producer;
  private final String topic;
  private final String servedBy;
  private final Console console;

  public OrdersService(
      Producer<String, String> producer, String topic, String servedBy, Console console) {
    this.producer = requireNonNull(producer, "producer");
    this.topic = requireNonNull(topic, "topic");
    this.servedBy = requireNonNull(servedBy, "servedBy");
    this.console = requireNonNull(console, "console");
  }

  /** Answers one request. */
  public Reply answer(HttpExchange exchange, String body) throws InterruptedException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if ("/health".equals(path)) {
      return Reply.ok(Json.object().put("status", "UP"));
    }
    if (!"/orders".equals(path)) {
      return Reply.error(404, "not_found", "no route " + path + " (expected: POST /orders)");
    }
    if (!"POST".equals(method)) {
      return Reply.error(405, "method_not_allowed", method + " " + path + " (expected: POST)");
    }
    Context context = HeaderPropagation.extract(exchange.getRequestHeaders());
    String key = HeaderPropagation.routingKey(context);
    Order.Result parsed = Order.parse("o-" + UUID.randomUUID().toString().substring(0, 8), body);
    if (parsed.order().isEmpty()) {
      log(400, key, "");
      return Reply.error(400, "bad_request", parsed.problem());
    }
    Order order = parsed.order().get();
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            topic, order.id(), new String(Json.bytes(order.toJson()), StandardCharsets.UTF_8));
    RecordHeaders.inject(context, record.headers());
    RecordMetadata sent;
    try {
      sent = producer.send(record).get(SEND_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      String why = e instanceof ExecutionException ? e.getCause().toString() : "no answer";
      console
          .err()
          .println("ERROR orders: publishing order " + order.id() + " to " + topic + ": " + why);
      return Reply.error(
          503,
          "unavailable",
          "the broker did not take the order within " + SEND_SECONDS + "s: " + why);
    }
    String where = sent.topic() + "/" + sent.partition() + "@" + sent.offset();
    log(202, key, " order=" + order.id() + " published=" + where);
    ObjectNode reply = order.toJson().put("topic", sent.topic()).put("partition", sent.partition());
    reply.put("offset", sent.offset());
    reply.putArray("hops").addObject().put("service", "orders").put("servedBy", servedBy);
    return new Reply(202, reply);
  }

  private void log(int status, String key, String more) {
    console
        .out()
        .println(
            "orders "
                + servedBy
                + " POST /orders status="
                + status
                + " key="
                + (key == null ? "-" : key)
                + more);
  }

  @Override
  public void close() {
    producer.close();
  }
}
