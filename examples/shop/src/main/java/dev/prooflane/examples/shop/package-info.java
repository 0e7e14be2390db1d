/**
 * The demo shop: five small services (frontend, catalog, pricing and inventory over HTTP, the
 * warehouse over gRPC) that propagate W3C trace context and baggage with the OpenTelemetry API, so
 * Prooflane can route a keyed request to a sandboxed fork at every hop.
 */
package dev.prooflane.examples.shop;
