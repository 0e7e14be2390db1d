/**
 * The PostgreSQL server of an environment with a {@code postgres:} section (real binaries started
 * from a Maven artifact, its data under the state folder's {@code postgres/}, or an existing server
 * named by URL), the baseline's databases on it, and the sandboxes' database branches.
 */
package dev.prooflane.local.postgres;
