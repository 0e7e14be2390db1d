package dev.prooflane.kubernetes.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A sandbox in a cluster: forks of some Deployments, routed to by requests that carry its key.
 *
 * <p>The CRD in {@code deploy/kubernetes/} is generated from this type and the types it holds.
 */
@Group(Sandbox.GROUP)
@Version(Sandbox.VERSION)
@Kind("Sandbox")
@Plural("sandboxes")
@ShortNames("sbx")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Key", jsonPath = ".status.routingKey")
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Sandbox extends CustomResource<SandboxSpec, SandboxStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;
  public static final String GROUP = "prooflane.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  @Override
  protected SandboxStatus initStatus() {
    return new SandboxStatus();
  }
}
