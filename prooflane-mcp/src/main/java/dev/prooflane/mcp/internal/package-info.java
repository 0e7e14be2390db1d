/**
 * Transport details: stdio's bounded line reading, and the Streamable HTTP endpoint on the daemon
 * (its sessions, the answer to one POST, its origin rules).
 */
package dev.prooflane.mcp.internal;
