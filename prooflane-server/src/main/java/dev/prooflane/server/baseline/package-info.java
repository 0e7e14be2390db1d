/**
 * Changes to the daemon's running baseline: restarting a service, applying a changed environment
 * file; each audited.
 */
package dev.prooflane.server.baseline;
