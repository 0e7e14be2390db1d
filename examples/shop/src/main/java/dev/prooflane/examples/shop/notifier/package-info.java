/**
 * The notifier: a Kafka consumer of the {@code orders} topic (group from {@code GROUP_ID}, so a
 * sandbox's fork consumes in a group of its own) that logs one line per notification naming the
 * instance, answers {@code GET /health} once it has its partitions, and lists what it processed at
 * {@code GET /notifications}.
 */
package dev.prooflane.examples.shop.notifier;
