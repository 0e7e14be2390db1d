/** A parser for the W3C {@code tracestate} header, a secondary carrier of routing keys. */
package dev.prooflane.keys.tracestate;
