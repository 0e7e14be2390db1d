/**
 * The demo shop: small services (frontend, catalog, pricing and inventory over HTTP, the warehouse
 * over gRPC, orders and the notifier over Kafka, reviews with a PostgreSQL database) that propagate
 * W3C trace context and baggage with the OpenTelemetry API, so Prooflane can route a keyed request
 * to a sandboxed fork at every hop.
 */
package dev.prooflane.examples.shop;
