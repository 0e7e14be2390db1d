package dev.prooflane.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch of every read command. */
final class JsonMixin {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;
}
