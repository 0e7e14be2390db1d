package dev.prooflane.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser with the desktop's own opener ({@code xdg-open}, {@code open},
 * or Windows' URL handler), without AWT: the CLI runs headless.
 */
final class BrowserOpener {
  /** How long an opener may take to say it failed; one that is still running has launched. */
  private static final long WAIT_SECONDS = 5;

  private final List<String> command;

  BrowserOpener(List<String> command) {
    this.command = List.copyOf(command);
  }

  /** The opener of the operating system named {@code osName} (as {@code os.name} says it). */
  static BrowserOpener forSystem(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return new BrowserOpener(List.of("open"));
    }
    if (os.contains("win")) {
      return new BrowserOpener(List.of("rundll32", "url.dll,FileProtocolHandler"));
    }
    return new BrowserOpener(List.of("xdg-open"));
  }

  /** The opener's program, as messages name it. */
  String program() {
    return command.get(0);
  }

  /**
   * Asks the opener to show {@code url}; empty when it did, else why not (the opener missing, or
   * its exit code).
   */
  Optional<String> open(String url) {
    List<String> argv = new java.util.ArrayList<>(command);
    argv.add(url);
    try {
      Process process =
          new ProcessBuilder(argv)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
        return Optional.empty();
      }
      int exit = process.exitValue();
      return exit == 0 ? Optional.empty() : Optional.of(program() + " exited with " + exit);
    } catch (IOException e) {
      return Optional.of(program() + " could not run (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while " + program() + " ran");
    }
  }
}
