/**
 * The daemon's sandboxes and their rules: quota, ownership and the audit trail of every creation,
 * deletion and expiry.
 */
package dev.prooflane.server.sandboxes;
