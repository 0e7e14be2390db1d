/**
 * The platform team's policy: enabled actions, allowed skills, the write guard, limits and
 * redaction; read from YAML with located errors and enforced per run by {@link
 * dev.prooflane.actions.policy.RunGuard}.
 */
package dev.prooflane.actions.policy;
