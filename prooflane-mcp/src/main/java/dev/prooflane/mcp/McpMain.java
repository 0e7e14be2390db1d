package dev.prooflane.mcp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -cp ... dev.prooflane.mcp.McpMain [--state-dir DIR | --api-url URL]}: the stdio
 * server without the CLI (the CLI's {@code prooflane mcp} does the same).
 */
public final class McpMain {
  private McpMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path stateDir = null;
    String apiUrl = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--state-dir" -> stateDir = Path.of(args[++i]);
        case "--api-url" -> apiUrl = args[++i];
        default -> {
          System.err.println("prooflane mcp: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    serveStdio(locator(stateDir, apiUrl));
    System.exit(0);
  }

  /**
   * The daemon to use: {@code apiUrl} when given, else {@code stateDir}, else {@code
   * $PROOFLANE_HOME}, else {@code ./.prooflane}.
   */
  public static DaemonLocator locator(Path stateDir, String apiUrl) {
    if (apiUrl != null) {
      String base = apiUrl.endsWith("/api/v1") ? apiUrl : apiUrl.replaceAll("/+$", "") + "/api/v1";
      return DaemonLocator.apiUrl(() -> base);
    }
    if (stateDir == null) {
      String home = System.getenv("PROOFLANE_HOME");
      stateDir = Path.of(home != null && !home.isBlank() ? home : ".prooflane");
    }
    return DaemonLocator.stateDir(stateDir.toAbsolutePath().normalize());
  }

  /**
   * Serves stdio with the process's real standard output, after pointing {@code System.out} at
   * stderr so that nothing else can write into the protocol stream.
   */
  public static void serveStdio(DaemonLocator locator) throws InterruptedException {
    OutputStream protocol =
        new java.io.BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    McpStdio.serve(locator, System.in, protocol);
  }
}
