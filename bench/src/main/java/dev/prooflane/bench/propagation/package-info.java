/** Service start time without and with the jars of {@code propagation:} attached. */
package dev.prooflane.bench.propagation;
