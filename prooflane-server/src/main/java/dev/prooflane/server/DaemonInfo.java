package dev.prooflane.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running daemon writes to {@code <stateDir>/daemon.json} so that clients find it.
 *
 * @param pid the daemon's process id
 * @param apiUrl the API base, such as {@code http://127.0.0.1:7474/api/v1}
 * @param envFile the environment file it runs
 * @param startedAt when it started
 */
public record DaemonInfo(long pid, String apiUrl, String envFile, Instant startedAt) {
  /** Reads the daemon file of {@code stateDir}, or empty when there is none. */
  public static Optional<DaemonInfo> read(Path stateDir) {
    Path file = StateFolder.of(stateDir).daemonInfo();
    try {
      // the file first: without one (no daemon), the JSON mapper is never made
      String json = Files.readString(file);
      return Optional.of(Json.mapper().readValue(json, DaemonInfo.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw new ProoflaneException(
          file
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + "); delete it if no daemon runs");
    } catch (IOException e) {
      throw new ProoflaneException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether the process it names still runs. */
  public boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  void write(StateFolder state) {
    Path file = state.daemonInfo();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, Json.pretty(this), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ProoflaneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void delete(StateFolder state) {
    try {
      Files.deleteIfExists(state.daemonInfo());
    } catch (IOException e) {
      System.err.println("prooflane: cannot delete " + state.daemonInfo() + ": " + e.getMessage());
    }
  }
}
