package dev.prooflane.cli.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster and namespace a {@code kube sandbox} command talks to. */
final class KubeMixin {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context (default: the current context).")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace (default: the context's, else default).")
  String namespace;

  Config config() {
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, kubeconfig.toFile())
            : Config.autoConfigure(context);
    // A person is waiting: fail fast instead of retrying with backoff for many seconds.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(5_000);
    return config;
  }

  KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  String namespace(KubernetesClient client) {
    if (namespace != null) {
      return namespace;
    }
    String ns = client.getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }
}
