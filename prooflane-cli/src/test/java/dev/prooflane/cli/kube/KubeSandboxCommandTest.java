package dev.prooflane.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prooflane.cli.CliRun;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class KubeSandboxCommandTest {
  KubernetesClient client;
  @TempDir Path dir;
  Path kubeconfig;
  Path sandbox;

  static String kubeconfig(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: test, cluster: {server: "%s"}}]
        users: [{name: test, user: {token: secret}}]
        contexts: [{name: test, context: {cluster: test, user: test, namespace: shop}}]
        current-context: test
        """
        .formatted(server);
  }

  @BeforeEach
  void pointAKubeconfigAtTheMockServer() throws Exception {
    kubeconfig =
        Files.writeString(dir.resolve("kubeconfig"), kubeconfig(client.getMasterUrl().toString()));
    sandbox =
        Files.writeString(
            dir.resolve("sandbox.yaml"),
            """
            apiVersion: prooflane.dev/v1alpha1
            kind: Sandbox
            metadata: {name: pr-42}
            spec:
              ttl: 2h
              forks:
              - of: {kind: Deployment, name: pricing}
            """);
  }

  private CliRun.Result cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--kubeconfig";
    all[args.length + 1] = kubeconfig.toString();
    return CliRun.run(all);
  }

  @Test
  void createsListsAndDeletesASandboxInTheContextsNamespace() {
    CliRun.Result created = cli("kube", "sandbox", "create", "-f", sandbox.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("sandbox shop/pr-42 created\n");
    assertThat(client.resources(Sandbox.class).inNamespace("shop").withName("pr-42").get())
        .isNotNull();

    writeStatus("Pending", "waiting for a ready pod of pricing-pr-42");
    CliRun.Result list = cli("kube", "sandbox", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .startsWith("NAMESPACE  SANDBOX  PHASE    KEY")
        .contains("shop       pr-42    Pending  k7q2m9x4z1ab")
        .contains("waiting for a ready pod of pricing-pr-42");

    CliRun.Result deleted = cli("kube", "sandbox", "delete", "pr-42");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(client.resources(Sandbox.class).inNamespace("shop").withName("pr-42").get())
        .isNull();
    assertThat(cli("kube", "sandbox", "list").out()).isEqualTo("no sandboxes\n");
  }

  @Test
  void creatingTwiceOrDeletingWhatIsNotThereIsABadState() {
    assertThat(cli("kube", "sandbox", "create", "-f", sandbox.toString()).exitCode()).isZero();

    CliRun.Result again = cli("kube", "sandbox", "create", "-f", sandbox.toString());
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("sandbox shop/pr-42 already exists");

    CliRun.Result missing = cli("kube", "sandbox", "delete", "nope");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).contains("sandbox shop/nope not found");
  }

  @Test
  void anInvalidSandboxIsRejectedBeforeReachingTheCluster() throws Exception {
    Files.writeString(sandbox, Files.readString(sandbox).replace("ttl: 2h", "ttl: soon"));

    CliRun.Result result = cli("kube", "sandbox", "create", "-f", sandbox.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("spec.ttl: 'soon'");
    assertThat(client.resources(Sandbox.class).inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void anUnreachableClusterIsExitCodeThree() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(kubeconfig, kubeconfig("http://127.0.0.1:" + port));

    CliRun.Result result = cli("kube", "sandbox", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("cluster http://127.0.0.1:" + port);
  }

  private void writeStatus(String phase, String message) {
    client
        .resources(Sandbox.class)
        .inNamespace("shop")
        .withName("pr-42")
        .editStatus(
            s -> {
              SandboxStatus status = new SandboxStatus();
              status.setPhase(phase);
              status.setRoutingKey("k7q2m9x4z1ab");
              status.setMessage(message);
              s.setStatus(status);
              return s;
            });
  }

  /** Stands in for the operator: once the sandbox exists, writes {@code phase} to its status. */
  private Thread setStatusWhenCreated(String phase, String message) {
    Thread t =
        new Thread(
            () -> {
              await()
                  .atMost(Duration.ofSeconds(10))
                  .until(
                      () ->
                          client
                                  .resources(Sandbox.class)
                                  .inNamespace("shop")
                                  .withName("pr-42")
                                  .get()
                              != null);
              writeStatus(phase, message);
            });
    t.start();
    return t;
  }

  @Test
  void createWaitsUntilTheSandboxIsReadyAndPrintsItsKey() throws Exception {
    Thread operator = setStatusWhenCreated("Ready", "");

    CliRun.Result result =
        cli("kube", "sandbox", "create", "-f", sandbox.toString(), "--wait", "--timeout", "20s");
    operator.join();

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "sandbox shop/pr-42 created\nsandbox shop/pr-42 ready, routing key k7q2m9x4z1ab\n");
  }

  @Test
  void createWaitReportsAFailedSandboxWithItsMessage() throws Exception {
    Thread operator =
        setStatusWhenCreated(
            "Failed",
            "baseline Deployment shop/pricing not found: create it or fix spec.forks[0].of.name");

    CliRun.Result result =
        cli("kube", "sandbox", "create", "-f", sandbox.toString(), "--wait", "--timeout", "20s");
    operator.join();

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains(
            "sandbox shop/pr-42 failed: baseline Deployment shop/pricing not found: create it or"
                + " fix spec.forks[0].of.name");
  }
}
