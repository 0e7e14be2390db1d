/** The {@code skill} action: a step that calls another skill, whose steps nest under it. */
package dev.prooflane.actions.call;
