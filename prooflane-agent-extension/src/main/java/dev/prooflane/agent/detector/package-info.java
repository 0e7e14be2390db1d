/**
 * The drop detector's core: what a keyed inbound request was, how an outbound call's headers are
 * checked for the key, and the bounded writer of drop records. The extension appends these classes
 * to the bootstrap class path at start-up, so that one copy serves the advice woven into JDK,
 * platform and application classes alike; they use only the JDK and the agent's (bootstrap) copy of
 * the OpenTelemetry API.
 */
package dev.prooflane.agent.detector;
