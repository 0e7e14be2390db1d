/**
 * Attaching the OpenTelemetry Java agent and Prooflane's drop detector to a service's instances
 * ({@code propagation: opentelemetry-agent} or {@code detect}): where the build put the two jars,
 * and the environment an instance gets.
 */
package dev.prooflane.local.agent;
