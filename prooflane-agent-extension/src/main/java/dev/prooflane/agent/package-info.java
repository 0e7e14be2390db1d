/**
 * The Prooflane extension of the OpenTelemetry Java agent: the drop detector. Loaded by the agent
 * ({@code -Dotel.javaagent.extensions=...}) next to the agent that {@code propagation:
 * opentelemetry-agent} or {@code propagation: detect} attaches to a service.
 */
package dev.prooflane.agent;
