package dev.prooflane.kubernetes.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Baseline} from objects held as JSON, such as manifests read from files. */
public final class Baselines {
  private Baselines() {}

  /**
   * The baseline of {@code namespace} among {@code objects}: those of other namespaces and kinds
   * are left out; those without a namespace are taken to be in it.
   */
  public static Baseline of(String namespace, List<ObjectNode> objects) {
    List<Deployment> deployments = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<ObjectNode> virtualServices = new ArrayList<>();
    List<ObjectNode> httpRoutes = new ArrayList<>();
    List<ObjectNode> grpcRoutes = new ArrayList<>();
    for (ObjectNode o : objects) {
      String ns = Manifests.namespace(o);
      if (!ns.isEmpty() && !ns.equals(namespace)) {
        continue;
      }
      ObjectNode object = o.deepCopy();
      ((ObjectNode) object.get("metadata")).put("namespace", namespace);
      String group = group(Manifests.apiVersion(object));
      switch (Manifests.kind(object)) {
        case "Deployment" -> {
          if (group.equals("apps")) {
            deployments.add(Manifests.toObject(object, Deployment.class));
          }
        }
        case "Service" -> {
          if (group.isEmpty()) {
            services.add(Manifests.toObject(object, Service.class));
          }
        }
        case "VirtualService" -> {
          if (group.equals("networking.istio.io")) {
            virtualServices.add(object);
          }
        }
        case "HTTPRoute" -> {
          if (group.equals("gateway.networking.k8s.io")) {
            httpRoutes.add(object);
          }
        }
        case "GRPCRoute" -> {
          if (group.equals("gateway.networking.k8s.io")) {
            grpcRoutes.add(object);
          }
        }
        default -> {}
      }
    }
    return new Baseline(namespace, deployments, services, virtualServices, httpRoutes, grpcRoutes);
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
