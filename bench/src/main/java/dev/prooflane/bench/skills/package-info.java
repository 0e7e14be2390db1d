/**
 * The skills benchmark (bench/skills.sh): the engine's overhead per step, and concurrent runs
 * against many sandboxes counting cross-talk.
 */
package dev.prooflane.bench.skills;
