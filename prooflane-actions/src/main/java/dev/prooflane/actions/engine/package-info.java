/**
 * The skill engine: runs a skill's steps in order against a target, computes verdicts and coverage.
 */
package dev.prooflane.actions.engine;
