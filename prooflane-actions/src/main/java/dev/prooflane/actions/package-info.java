/**
 * Prooflane's actions and skill engine: governed, deterministic primitives composed into YAML
 * skills, run against a sandbox or the baseline, producing verified results.
 */
package dev.prooflane.actions;
