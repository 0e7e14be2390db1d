/**
 * The orders service: {@code POST /orders} publishes the order as a JSON record to the {@code
 * orders} topic, the request's trace context and baggage (and so the routing key) written into the
 * record's headers by the OpenTelemetry propagators: the shop's asynchronous hop.
 */
package dev.prooflane.examples.shop.orders;
