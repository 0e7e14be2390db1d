package dev.prooflane.local;

import dev.prooflane.local.process.HealthProbe;
import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.local.process.Ports;
import dev.prooflane.local.process.ProcessSpec;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.routing.Upstream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** Starts one instance of a service on a free loopback port and waits until it is healthy. */
final class InstanceLauncher {
  private final ProcessSupervisor supervisor;
  private final Path logDir;
  private final Duration stopGrace;
  private final AtomicLong generation = new AtomicLong();

  InstanceLauncher(ProcessSupervisor supervisor, Path logDir, Duration stopGrace) {
    this.supervisor = supervisor;
    this.logDir = logDir;
    this.stopGrace = stopGrace;
  }

  /**
   * Starts {@code spec} as instance {@code owner/service} with the plan {@code plan.apply(port)},
   * and returns once its health check passes; on failure the process is stopped and the exception
   * (naming the instance, its exit code and its last log lines) propagates.
   */
  Instance launch(
      String owner, ServiceSpec spec, IntFunction<InstancePlan> plan, Consumer<String> progress) {
    int port = Ports.freePort();
    InstancePlan resolved = plan.apply(port);
    String id = owner + "/" + spec.name();
    Path logFile = logDir.resolve(owner).resolve(spec.name() + ".log");
    long started = System.nanoTime();
    ManagedProcess process =
        supervisor.start(
            new ProcessSpec(id, resolved.command(), spec.workdir(), resolved.env(), logFile));
    progress.accept(
        String.format(
            "  %s: started pid %d on 127.0.0.1:%d, waiting for %s",
            id, process.pid(), port, spec.health().path()));
    try {
      HealthProbe.awaitReady(
          URI.create("http://127.0.0.1:" + port + spec.health().path()), spec.health(), process);
    } catch (RuntimeException e) {
      process.stop(stopGrace);
      throw e;
    }
    progress.accept(
        String.format("  %s: healthy after %d ms", id, (System.nanoTime() - started) / 1_000_000));
    Upstream upstream = new Upstream("127.0.0.1", port, id + "#" + generation.incrementAndGet());
    return new Instance(spec.name(), process, port, upstream);
  }

  void stop(Instance instance) {
    instance.process().stop(stopGrace);
  }
}
