package dev.prooflane.kubernetes.fork;

import dev.prooflane.kubernetes.crd.ArgsOverride;
import dev.prooflane.kubernetes.crd.Customizations;
import dev.prooflane.kubernetes.crd.EnvChange;
import dev.prooflane.kubernetes.crd.EnvOperation;
import dev.prooflane.kubernetes.crd.ImageOverride;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.meta.PlanException;
import dev.prooflane.model.RoutingKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Applies a fork's customizations to a copy of the baseline's pod template. */
final class Containers {
  static final String ENV_SANDBOX = "PROOFLANE_SANDBOX";
  static final String ENV_ROUTING_KEY = "PROOFLANE_ROUTING_KEY";

  private Containers() {}

  static PodTemplateSpec customize(
      PodTemplateSpec template, Customizations c, String sandbox, RoutingKey key, String at) {
    PodTemplateSpec copy = Manifests.toObject(Manifests.toNode(template), PodTemplateSpec.class);
    if (copy.getMetadata() == null) {
      copy.setMetadata(new ObjectMeta());
    }
    List<Container> containers = copy.getSpec().getContainers();
    for (int i = 0; i < c.getImages().size(); i++) {
      ImageOverride image = c.getImages().get(i);
      String where = at + ".customizations.images[" + i + "].container";
      find(containers, image.getContainer(), where, sandbox).setImage(image.getImage());
    }
    for (int i = 0; i < c.getArgs().size(); i++) {
      ArgsOverride args = c.getArgs().get(i);
      String where = at + ".customizations.args[" + i + "].container";
      find(containers, args.getContainer(), where, sandbox)
          .setArgs(new ArrayList<>(args.getArgs()));
    }
    for (int i = 0; i < c.getEnv().size(); i++) {
      EnvChange change = c.getEnv().get(i);
      String where = at + ".customizations.env[" + i + "].container";
      List<Container> targets =
          change.getContainer() != null
              ? List.of(find(containers, change.getContainer(), where, sandbox))
              : change.operationOrDefault() == EnvOperation.DELETE
                  ? containers
                  : containers.subList(0, 1);
      for (Container container : targets) {
        List<EnvVar> env = env(container);
        if (change.operationOrDefault() == EnvOperation.DELETE) {
          env.removeIf(v -> v.getName().equals(change.getName()));
        } else {
          upsert(env, change.getName(), change.getValue());
        }
        container.setEnv(env);
      }
    }
    for (Container container : containers) {
      List<EnvVar> env = env(container);
      upsert(env, ENV_SANDBOX, sandbox);
      upsert(env, ENV_ROUTING_KEY, key.value());
      container.setEnv(env);
    }
    return copy;
  }

  private static List<EnvVar> env(Container container) {
    return new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
  }

  private static void upsert(List<EnvVar> env, String name, String value) {
    EnvVar v = new EnvVar(name, value, null);
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).getName().equals(name)) {
        env.set(i, v);
        return;
      }
    }
    env.add(v);
  }

  private static Container find(
      List<Container> containers, String name, String where, String sandbox) {
    return containers.stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new PlanException(
                    sandbox,
                    where
                        + ": "
                        + name
                        + " (expected: one of "
                        + containers.stream()
                            .map(Container::getName)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }
}
