/** The {@code prooflane} command line: picocli commands that talk to the daemon's REST API. */
package dev.prooflane.cli;
