/**
 * The Kafka benchmark ({@code bench/kafka.sh}): consumer throughput with and without Prooflane's
 * routing interceptor, and the time from a route change to its effect on a consumer, against a real
 * broker started by a real daemon.
 */
package dev.prooflane.bench.kafka;
