/**
 * Skill runs in the daemon: the local runtime seen by the engine, runs in progress, their reports.
 */
package dev.prooflane.server.runs;
