/** Reading spec files (environment, sandbox) into model values, with every problem located. */
package dev.prooflane.model.spec;
