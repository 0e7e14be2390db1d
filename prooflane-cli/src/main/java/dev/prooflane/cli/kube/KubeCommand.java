package dev.prooflane.cli.kube;

import picocli.CommandLine.Command;

/** The {@code kube} command group: Prooflane's Kubernetes runtime. */
@Command(
    name = "kube",
    mixinStandardHelpOptions = true,
    description = "Sandboxes in a Kubernetes cluster: render their objects, create, list, delete.",
    subcommands = {KubeRenderCommand.class, KubeSandboxCommand.class, KubeRunCommand.class})
public final class KubeCommand {}
