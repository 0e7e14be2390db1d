/**
 * The {@code sql} action: one statement on a sandbox's branch of a database of the environment, or
 * read-only on the baseline's database, with the rows back as JSON values.
 */
package dev.prooflane.actions.sql;
