/**
 * The benchmark of a sandbox's own overhead: create request to routable, beyond the fork's start.
 */
package dev.prooflane.bench.overhead;
