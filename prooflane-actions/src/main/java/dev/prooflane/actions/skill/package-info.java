/**
 * Skill files: versioned YAML workflows of actions, read with located errors, and the catalog of
 * them.
 */
package dev.prooflane.actions.skill;
