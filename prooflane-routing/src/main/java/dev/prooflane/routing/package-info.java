/**
 * The embedded router: route tables that map routing keys to forked services, the {@link
 * dev.prooflane.routing.Router} that applies them to live HTTP traffic, and the hop log it keeps.
 */
package dev.prooflane.routing;
