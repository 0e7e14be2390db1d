/**
 * The audit log: an append-only, hash-chained JSONL file of everything the daemon did or refused,
 * and its verifier.
 */
package dev.prooflane.server.audit;
