package dev.prooflane.mcp;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * How the tools find the daemon, asked on every call so that an MCP server may start before the
 * daemon does. Fails with a {@link ProoflaneException} whose message says how to start one.
 */
@FunctionalInterface
public interface DaemonLocator {
  /** The command that starts a daemon, as error messages suggest it. */
  String START = "prooflane up -f prooflane.yaml --detach";

  /** A client of the running daemon. */
  DaemonClient client();

  /** This locator's daemon, called with {@code token} (none when null) instead. */
  default DaemonLocator withToken(String token) {
    return () -> client().withToken(token);
  }

  /**
   * The daemon announced in {@code stateDir/daemon.json} (the CLI's {@code --state-dir}), called
   * with the admin token of {@code stateDir}, read on every call.
   */
  static DaemonLocator stateDir(Path stateDir) {
    requireNonNull(stateDir, "stateDir");
    return stateDir(stateDir, () -> AdminTokenFile.read(stateDir).orElse(null));
  }

  /** As {@link #stateDir(Path)}, called with the token {@code token} supplies. */
  static DaemonLocator stateDir(Path stateDir, Supplier<String> token) {
    requireNonNull(stateDir, "stateDir");
    requireNonNull(token, "token");
    Cached cache = new Cached();
    return () -> {
      DaemonInfo info =
          DaemonInfo.read(stateDir)
              .filter(DaemonInfo::alive)
              .orElseThrow(
                  () ->
                      new ProoflaneException(
                          "no Prooflane daemon is running for "
                              + stateDir
                              + "; start it with: "
                              + START
                              + " (in the folder that holds prooflane.yaml, with the same state"
                              + " folder), then call this tool again"));
      return cache.client(info.apiUrl()).withToken(token.get());
    };
  }

  /** The daemon at a fixed or late-bound API URL, such as {@code http://127.0.0.1:7474/api/v1}. */
  static DaemonLocator apiUrl(Supplier<String> apiUrl) {
    requireNonNull(apiUrl, "apiUrl");
    Cached cache = new Cached();
    return () -> {
      String url = apiUrl.get();
      if (url == null) {
        throw new ProoflaneException("the daemon's API is not listening yet; retry in a moment");
      }
      return cache.client(url);
    };
  }

  /** Keeps one client (and its connection pool) per API URL. */
  final class Cached {
    private final AtomicReference<DaemonClient> client = new AtomicReference<>();

    DaemonClient client(String url) {
      DaemonClient current = client.get();
      if (current != null && current.base().equals(url)) {
        return current;
      }
      DaemonClient fresh = new DaemonClient(url);
      client.set(fresh);
      return fresh;
    }
  }
}
