/**
 * CEL expressions in skills ({@code ${{ ... }}}): compiled once with their location, evaluated
 * deterministically.
 */
package dev.prooflane.actions.expr;
