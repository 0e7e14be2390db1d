package dev.prooflane.local.store;

import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.local.process.ProcessSpec;
import dev.prooflane.local.process.ProcessSupervisor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A minimal daemon for {@link DaemonCrashTest}: records a {@code sleep 300} child in the state
 * database, says so on stdout, and waits to be killed (SIGKILL) or stopped (SIGTERM).
 */
public final class CrashedDaemonMain {
  private CrashedDaemonMain() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path dir = db.toAbsolutePath().getParent();
    StateStore store = new StateStore(db);
    ProcessSupervisor supervisor = new ProcessSupervisor(store);
    ManagedProcess sleeper =
        supervisor.start(
            new ProcessSpec(
                "crash/sleeper",
                List.of("sleep", "300"),
                dir,
                Map.of(),
                dir.resolve("logs/sleeper.log")));
    System.out.println("started " + sleeper.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
