/** The benchmark of creating many sandboxes: how a creation's cost grows with their number. */
package dev.prooflane.bench.scale;
