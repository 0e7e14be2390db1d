/**
 * The propagation probe: one request with a throwaway routing key, followed hop by hop through the
 * router's records, to show where the key and the trace context travelled and where they stopped.
 */
package dev.prooflane.actions.probe;
