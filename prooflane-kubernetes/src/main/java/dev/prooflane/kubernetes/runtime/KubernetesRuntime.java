package dev.prooflane.kubernetes.runtime;

import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Names;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actions engine's view of one namespace of a cluster: its Services, its Sandboxes and the logs
 * of their pods.
 *
 * <p>Requests reach a Service by its cluster DNS name; the mesh routes keyed ones to forks. There
 * is no Prooflane router in the cluster, so there are no hop records: {@link #hopsSince} is empty,
 * and proof that a fork answered comes from its logs (or the mesh's telemetry).
 */
public final class KubernetesRuntime implements RuntimeAccess {
  private final KubernetesClient client;
  private final String namespace;
  private final KeyNames keyNames;
  private final PodLogs logs;

  public KubernetesRuntime(KubernetesClient client, String namespace, KeyNames keyNames) {
    this.client = client;
    this.namespace = namespace;
    this.keyNames = keyNames;
    this.logs = new PodLogs(client);
  }

  @Override
  public String environment() {
    return namespace;
  }

  @Override
  public KeyNames keyNames() {
    return keyNames;
  }

  @Override
  public Set<String> services() {
    Set<String> names = new TreeSet<>();
    for (Service s : client.services().inNamespace(namespace).list().getItems()) {
      Map<String, String> labels = s.getMetadata().getLabels();
      if (labels == null || !labels.containsKey(Labels.SANDBOX)) {
        names.add(s.getMetadata().getName());
      }
    }
    return names;
  }

  @Override
  public URI serviceUri(String service) {
    Service s = baseline(service);
    int port = s.getSpec().getPorts().isEmpty() ? 80 : s.getSpec().getPorts().get(0).getPort();
    return URI.create("http://" + service + "." + namespace + ".svc.cluster.local:" + port);
  }

  @Override
  public Optional<SandboxInfo> sandbox(String name) {
    Sandbox s = client.resources(Sandbox.class).inNamespace(namespace).withName(name).get();
    if (s == null || s.getStatus() == null || s.getStatus().getRoutingKey() == null) {
      return Optional.empty();
    }
    Set<String> forkServices = new TreeSet<>();
    for (ForkState f : s.getStatus().getForks()) {
      forkServices.addAll(f.getServices());
    }
    List<String> forked = new ArrayList<>();
    for (String service : services()) {
      if (forkServices.contains(Names.fork(service, name))) {
        forked.add(service);
      }
    }
    return Optional.of(
        new SandboxInfo(
            name,
            new RoutingKey(s.getStatus().getRoutingKey()),
            forked,
            s.getStatus().getPhase() == null
                ? "PENDING"
                : s.getStatus().getPhase().toUpperCase(java.util.Locale.ROOT)));
  }

  @Override
  public long logCursor(String service, Optional<String> sandbox) {
    selector(service, sandbox);
    return PodLogs.cursorNow();
  }

  @Override
  public List<LogEntry> logsSince(String service, Optional<String> sandbox, long cursor) {
    return logs.since(namespace, selector(service, sandbox), cursor);
  }

  @Override
  public long hopCursor() {
    return 0;
  }

  /** No router here records hops: none is ever in flight. */
  @Override
  public boolean hopsInFlight(String traceId) {
    return false;
  }

  @Override
  public List<HopEntry> hopsSince(long cursor) {
    return List.of();
  }

  /**
   * No drop records in a cluster yet: the services' drop detectors write to a file of the local
   * state folder, which pods do not have. None, not an error.
   */
  @Override
  public DropRecords drops(String key) {
    return DropRecords.NONE;
  }

  /** The selector of the pods serving {@code service}: the baseline's, or the fork's. */
  private Map<String, String> selector(String service, Optional<String> sandbox) {
    if (sandbox.isEmpty()) {
      return baseline(service).getSpec().getSelector();
    }
    String fork = Names.fork(service, sandbox.get());
    Service s = client.services().inNamespace(namespace).withName(fork).get();
    if (s == null) {
      throw new NotFoundException(
          "fork of service",
          namespace + "/" + service,
          "sandbox " + sandbox.get() + " does not fork it (no Service " + fork + ")");
    }
    return s.getSpec().getSelector();
  }

  private Service baseline(String service) {
    Service s = client.services().inNamespace(namespace).withName(service).get();
    if (s == null || s.getSpec() == null || s.getSpec().getSelector() == null) {
      throw new NotFoundException(
          "service", namespace + "/" + service, "no Service with a selector of that name");
    }
    return s;
  }
}
