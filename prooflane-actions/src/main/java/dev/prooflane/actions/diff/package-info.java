/**
 * The {@code diff} action: the same request to the sandbox and to the baseline, compared
 * structurally (JSON) or line by line (text), with declared noise and expectations.
 */
package dev.prooflane.actions.diff;
