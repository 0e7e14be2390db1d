/**
 * What message consumers ask of the daemon: the sandbox routes they follow to pick their records,
 * and the consumptions they report, which become hops.
 */
package dev.prooflane.server.kafka;
