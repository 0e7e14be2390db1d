/** A parser for the W3C {@code baggage} header, the main carrier of routing keys. */
package dev.prooflane.keys.baggage;
