/** What the daemon learns from the hops it served: who calls whom. */
package dev.prooflane.server.hops;
