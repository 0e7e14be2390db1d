/**
 * The Kafka broker of an environment with a {@code kafka:} section: a single-node KRaft broker in
 * its own JVM, its files under the state folder's {@code kafka/}, its health and topics checked
 * with the Kafka clients; or an existing broker named by {@code bootstrap}.
 */
package dev.prooflane.local.kafka;
