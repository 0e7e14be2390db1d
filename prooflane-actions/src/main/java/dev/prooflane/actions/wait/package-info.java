/** The {@code wait} action: polls another action until a CEL condition on its result holds. */
package dev.prooflane.actions.wait;
