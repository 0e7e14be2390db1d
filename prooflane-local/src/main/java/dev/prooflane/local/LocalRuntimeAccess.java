package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.drops.DropFiles;
import dev.prooflane.local.process.LogBuffer;
import dev.prooflane.model.Fork;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.runtime.DatabaseLogin;
import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.PropagationDrop;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The local runtime as the skill engine sees it: services at their router addresses, sandboxes, the
 * logs of each instance (redacted), the router's hop records, and the drop records under the state
 * folder's {@code drops/}.
 */
public final class LocalRuntimeAccess implements RuntimeAccess {
  private final LocalRuntime runtime;
  private final UnaryOperator<String> redaction;

  /**
   * Serves {@code runtime}; every log line handed out passes {@code redaction} first (the daemon
   * passes the redaction of the policy in force, read at each call).
   */
  public LocalRuntimeAccess(LocalRuntime runtime, UnaryOperator<String> redaction) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.redaction = requireNonNull(redaction, "redaction");
  }

  @Override
  public String environment() {
    return runtime.environment().name();
  }

  @Override
  public KeyNames keyNames() {
    return runtime.environment().keyNames();
  }

  @Override
  public Set<String> services() {
    return new LinkedHashSet<>(runtime.environment().services().keySet());
  }

  @Override
  public URI serviceUri(String service) {
    Integer port = runtime.routerPorts().get(service);
    if (port == null) {
      throw new NotFoundException(
          "service",
          service,
          "known services: " + String.join(", ", runtime.environment().services().keySet()));
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * The broker of the environment's {@code kafka:} section: the one the daemon started, or named.
   */
  @Override
  public Optional<String> kafkaBootstrap() {
    return runtime.kafkaBootstrap();
  }

  /** The sandbox's branch of {@code database}, or the baseline's database (docs/databases.md). */
  @Override
  public Optional<DatabaseLogin> database(String database, Optional<String> sandbox) {
    return runtime
        .database(database, sandbox)
        .map(
            url ->
                new DatabaseLogin(
                    url.host(),
                    url.port(),
                    url.name(),
                    url.user(),
                    url.password(),
                    !url.name().equals(database)));
  }

  @Override
  public Optional<SandboxInfo> sandbox(String name) {
    return runtime.sandboxes().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(LocalRuntimeAccess::info);
  }

  private static SandboxInfo info(Sandbox s) {
    return new SandboxInfo(
        s.name(),
        s.routingKey(),
        s.spec().forks().stream().map(Fork::service).toList(),
        s.phase().name());
  }

  @Override
  public long logCursor(String service, Optional<String> sandbox) {
    return buffer(service, sandbox).lastSeq();
  }

  @Override
  public List<LogEntry> logsSince(String service, Optional<String> sandbox, long cursor) {
    return buffer(service, sandbox).since(cursor).stream()
        .map(l -> new LogEntry(l.seq(), l.time(), l.stream(), redaction.apply(l.text())))
        .toList();
  }

  private LogBuffer buffer(String service, Optional<String> sandbox) {
    return runtime.logs(service, sandbox.orElse(null));
  }

  @Override
  public long hopCursor() {
    List<HopRecord> last = runtime.hops().recent(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }

  @Override
  public boolean hopsInFlight(String traceId) {
    return runtime.hops().inFlight(traceId);
  }

  @Override
  public List<HopEntry> hopsSince(long cursor) {
    return runtime.hops().since(cursor).stream()
        .map(
            h ->
                new HopEntry(
                    h.seq(),
                    h.time(),
                    h.traceId(),
                    h.routingKey(),
                    h.service(),
                    h.destination(),
                    h.method(),
                    h.path(),
                    h.status(),
                    h.durationMicros(),
                    h.record()))
        .toList();
  }

  /** The drop records of {@code key}; their targets pass the redaction, as log lines do. */
  @Override
  public DropRecords drops(String key) {
    DropRecords read = new DropFiles(runtime.stateFolder().drops()).read(key);
    return new DropRecords(
        read.records().stream().map(this::redacted).toList(), read.malformedLines());
  }

  private PropagationDrop redacted(PropagationDrop d) {
    return new PropagationDrop(
        d.time(),
        d.service(),
        d.destination(),
        d.key(),
        d.traceId(),
        d.inbound() == null
            ? null
            : new PropagationDrop.Inbound(d.inbound().method(), redact(d.inbound().target())),
        d.outbound() == null
            ? null
            : new PropagationDrop.Outbound(
                d.outbound().protocol(),
                d.outbound().method(),
                redact(d.outbound().target()),
                d.outbound().carried()),
        d.callSite(),
        d.stack());
  }

  private String redact(String text) {
    return text == null ? null : redaction.apply(text);
  }
}
