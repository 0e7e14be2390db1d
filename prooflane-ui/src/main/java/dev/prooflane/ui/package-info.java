/**
 * The web dashboard the daemon serves at {@code /ui}: static ES modules that call the daemon's REST
 * API with the session cookie of a one-time login link ({@code prooflane ui}).
 */
package dev.prooflane.ui;
