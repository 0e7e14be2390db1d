/**
 * The demo shop: four small services (frontend, catalog, pricing, inventory) that propagate W3C
 * trace context and baggage with the OpenTelemetry API, so Prooflane can route a keyed request to a
 * sandboxed fork at every hop.
 */
package dev.prooflane.examples.shop;
