/**
 * Supervised local processes: starting and stopping whole process trees, capturing their logs,
 * probing their health, and reaping the orphans of a daemon that died without cleaning up.
 */
package dev.prooflane.local.process;
