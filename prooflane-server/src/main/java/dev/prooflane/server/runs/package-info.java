/**
 * Skill runs in the daemon: runs in progress, their signed reports, and validations (a sandbox, its
 * runs, one verdict).
 */
package dev.prooflane.server.runs;
