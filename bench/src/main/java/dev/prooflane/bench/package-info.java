/**
 * The benchmarks run by {@code bench/*.sh}, and what they share: samples with percentiles and sizes
 * read from the environment. Benchmarks print figures; they are compiled by every build and run by
 * none.
 */
package dev.prooflane.bench;
