/** The {@code check} action: a CEL condition that gates the run. */
package dev.prooflane.actions.check;
