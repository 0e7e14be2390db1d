package dev.prooflane.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints a one-time login link to the daemon's dashboard, and with {@code --open} opens it: the
 * browser that follows it gets a session cookie, so the token never goes into a URL a browser
 * keeps.
 */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    description = {
      "Print a one-time link that opens the daemon's web dashboard (/ui) signed in as the token.",
      "The link works once, within 2 minutes; the session has the token's scopes and ends when"
          + " the token is revoked. --open opens it in the default browser."
    })
final class UiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;

  @Option(
      names = "--open",
      description = "Open the link in the default browser (xdg-open, open) as well.")
  boolean open;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String url = state.client().loginLink();
    out.println(url);
    out.flush();
    if (!open) {
      err.println("prooflane: open this link in a browser within 2 minutes; it works once");
      return ExitCode.OK;
    }
    BrowserOpener opener = BrowserOpener.forSystem(System.getProperty("os.name", ""));
    Optional<String> failure = opener.open(url);
    if (failure.isPresent()) {
      err.println(
          "prooflane: could not open a browser: "
              + failure.get()
              + "; open the link above yourself within 2 minutes");
    } else {
      err.println("prooflane: opened the dashboard with " + opener.program());
    }
    return ExitCode.OK;
  }
}
