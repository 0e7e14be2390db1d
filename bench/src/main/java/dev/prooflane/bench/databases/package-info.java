/**
 * The database branch benchmark ({@code bench/databases.sh}): the time to make a sandbox's branch
 * of a ~100 MB PostgreSQL database ({@code copy}, {@code schema}, {@code empty}) against {@code
 * pg_dump | psql} of the same database on the same server.
 */
package dev.prooflane.bench.databases;
