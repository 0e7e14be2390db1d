package dev.prooflane.mcp;

import dev.prooflane.server.api.ApiPath;
import dev.prooflane.server.auth.AdminTokenFile;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code java -cp ... dev.prooflane.mcp.McpMain [--state-dir DIR | --api-url URL] [--token T]}: the
 * stdio server without the CLI (the CLI's {@code prooflane mcp} does the same).
 */
public final class McpMain {
  private McpMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path stateDir = null;
    String apiUrl = null;
    String token = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--state-dir" -> stateDir = Path.of(args[++i]);
        case "--api-url" -> apiUrl = args[++i];
        case "--token" -> token = args[++i];
        default -> {
          System.err.println("prooflane mcp: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    serveStdio(locator(stateDir, apiUrl, token));
    System.exit(0);
  }

  /**
   * The daemon to use: {@code apiUrl} when given, else {@code stateDir}, else {@code
   * $PROOFLANE_HOME}, else {@code ./.prooflane}; called with {@code token}, else {@code
   * $PROOFLANE_TOKEN}, else the admin token of that state folder (as the CLI does).
   */
  public static DaemonLocator locator(Path stateDir, String apiUrl, String token) {
    if (stateDir == null) {
      String home = System.getenv("PROOFLANE_HOME");
      stateDir = Path.of(home != null && !home.isBlank() ? home : ".prooflane");
    }
    Path dir = stateDir.toAbsolutePath().normalize();
    String env = System.getenv("PROOFLANE_TOKEN");
    String given = token != null && !token.isBlank() ? token : env;
    Supplier<String> tokens =
        given != null && !given.isBlank()
            ? given::strip
            : () -> AdminTokenFile.read(dir).orElse(null);
    if (apiUrl != null) {
      String base =
          apiUrl.endsWith(ApiPath.BASE) ? apiUrl : apiUrl.replaceAll("/+$", "") + ApiPath.BASE;
      DaemonLocator fixed = DaemonLocator.apiUrl(() -> base);
      return () -> fixed.client().withToken(tokens.get());
    }
    return DaemonLocator.stateDir(dir, tokens);
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
