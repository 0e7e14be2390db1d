package dev.prooflane.kubernetes.operator;

import dev.prooflane.kubernetes.crd.Sandbox;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a Warning event on a sandbox when it fails, so {@code kubectl describe sandbox} and event
 * collectors show why. Best effort: a failure to record is logged and never fails the reconcile.
 */
final class SandboxEvents {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxEvents.class);

  private SandboxEvents() {}

  static void warn(
      KubernetesClient client, Sandbox sandbox, String reason, String message, Clock clock) {
    String ns = sandbox.getMetadata().getNamespace();
    String now = clock.instant().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(ns)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      sandbox.getMetadata().getName() + "." + Long.toHexString(clock.millis()))
                  .withNamespace(ns)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(Sandbox.API_VERSION)
                  .withKind("Sandbox")
                  .withName(sandbox.getMetadata().getName())
                  .withNamespace(ns)
                  .withUid(sandbox.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType("Warning")
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource("prooflane-operator", null)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot record event {} on sandbox {}/{}: {}",
          reason,
          ns,
          sandbox.getMetadata().getName(),
          e.getMessage());
    }
  }
}
