/** The daemon's durable state: sandboxes, running processes and a few settings, in SQLite. */
package dev.prooflane.local.store;
