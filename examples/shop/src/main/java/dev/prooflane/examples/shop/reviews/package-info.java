/**
 * The reviews service ({@code GET /reviews?item=ID}, {@code POST /reviews}), which keeps its data
 * in a PostgreSQL database it reaches with plain JDBC, and its variant with a schema change (a
 * {@code verified} column, added by {@code sql/reviews-v2.sql}): the change a sandbox validates on
 * its own branch of the database.
 */
package dev.prooflane.examples.shop.reviews;
