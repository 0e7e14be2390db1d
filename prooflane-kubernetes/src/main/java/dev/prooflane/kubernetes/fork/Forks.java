package dev.prooflane.kubernetes.fork;

import dev.prooflane.kubernetes.crd.ForkSpec;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Baseline;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.meta.Names;
import dev.prooflane.kubernetes.meta.Owners;
import dev.prooflane.kubernetes.meta.PlanException;
import dev.prooflane.model.RoutingKey;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a fork's Deployment and Services from the baseline's.
 *
 * <p>The fork's pods must never be selected by a baseline Service, or baseline traffic would reach
 * them. Every label key that a baseline Service selecting the baseline pods uses gets the value
 * {@code <value>-<sandbox>} on the fork's pods, and the fork selects its pods by {@code
 * prooflane.dev/sandbox} and {@code prooflane.dev/fork-of} only. Other labels (such as {@code
 * version}) are kept, so the mesh's telemetry still recognizes the workload.
 */
public final class Forks {
  private Forks() {}

  /**
   * The objects for fork {@code index} of {@code sandbox}.
   *
   * @throws PlanException when the baseline Deployment, a Service selecting its pods or a container
   *     named in a customization does not exist
   */
  public static ForkObjects build(Sandbox sandbox, RoutingKey key, int index, Baseline baseline) {
    ForkSpec spec = sandbox.getSpec().getForks().get(index);
    String sandboxName = sandbox.getMetadata().getName();
    String ns = baseline.namespace();
    String at = "spec.forks[" + index + "]";
    String baseName = spec.getOf().getName();
    Deployment base =
        baseline
            .deployment(baseName)
            .orElseThrow(
                () ->
                    new PlanException(
                        ns + "/" + sandboxName,
                        "baseline Deployment "
                            + ns
                            + "/"
                            + baseName
                            + " not found: create it or fix "
                            + at
                            + ".of.name"));
    PodTemplateSpec template = base.getSpec().getTemplate();
    Map<String, String> basePodLabels =
        template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels();
    List<Service> selecting = baseline.servicesSelecting(basePodLabels);
    if (selecting.isEmpty()) {
      throw new PlanException(
          ns + "/" + sandboxName,
          "no Service in "
              + ns
              + " selects the pods of Deployment "
              + ns
              + "/"
              + baseName
              + ": requests cannot be routed to a fork of it; create a Service for it");
    }
    String forkName = Names.fork(baseName, sandboxName);
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(Labels.SANDBOX, sandboxName);
    selector.put(Labels.FORK_OF, baseName);
    Map<String, String> podLabels = forkPodLabels(basePodLabels, selecting, sandboxName);
    podLabels.putAll(selector);
    for (Service s : baseline.baselineServices()) {
      if (s.getSpec() != null && Manifests.selects(s.getSpec().getSelector(), podLabels)) {
        throw new PlanException(
            ns + "/" + sandboxName,
            "Service "
                + ns
                + "/"
                + s.getMetadata().getName()
                + " would select the pods of fork "
                + forkName
                + ": give it a selector that the baseline pods' labels satisfy");
      }
    }
    Map<String, String> labels = Owners.labels(sandbox, base.getMetadata().getLabels());
    labels.put(Labels.FORK_OF, baseName);
    PodTemplateSpec podTemplate =
        Containers.customize(template, spec.getCustomizations(), sandboxName, key, at);
    podTemplate.getMetadata().setLabels(podLabels);
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(forkName)
            .withNamespace(ns)
            .withLabels(labels)
            .withOwnerReferences(Owners.references(sandbox))
            .endMetadata()
            .withSpec(base.getSpec())
            .editSpec()
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withTemplate(podTemplate)
            .endSpec()
            .build();
    List<Service> services = new ArrayList<>();
    for (Service s : selecting) {
      services.add(service(sandbox, s, selector, ns));
    }
    return new ForkObjects(deployment, services, selecting);
  }

  private static Map<String, String> forkPodLabels(
      Map<String, String> basePodLabels, List<Service> selecting, String sandboxName) {
    Map<String, String> labels = new LinkedHashMap<>(basePodLabels);
    for (Service s : selecting) {
      for (Map.Entry<String, String> e : s.getSpec().getSelector().entrySet()) {
        labels.put(e.getKey(), Names.fit(e.getValue() + "-" + sandboxName));
      }
    }
    return labels;
  }

  private static Service service(
      Sandbox sandbox, Service base, Map<String, String> selector, String ns) {
    ServiceBuilder b =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(Names.fork(base.getMetadata().getName(), sandbox.getMetadata().getName()))
            .withNamespace(ns)
            .withLabels(Owners.labels(sandbox, base.getMetadata().getLabels()))
            .withOwnerReferences(Owners.references(sandbox))
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(selector)
            .endSpec();
    base.getSpec()
        .getPorts()
        .forEach(
            p ->
                b.editSpec()
                    .addToPorts(
                        new ServicePortBuilder()
                            .withName(p.getName())
                            .withPort(p.getPort())
                            .withTargetPort(p.getTargetPort())
                            .withProtocol(p.getProtocol())
                            .withAppProtocol(p.getAppProtocol())
                            .build())
                    .endSpec());
    return b.build();
  }
}
