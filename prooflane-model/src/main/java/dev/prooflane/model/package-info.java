/** The Prooflane model: environments, services, sandboxes, forks and routing keys, with no I/O. */
package dev.prooflane.model;
