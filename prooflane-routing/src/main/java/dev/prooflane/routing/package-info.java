/**
 * The embedded router: route tables that map routing keys to forked services and decide, per
 * request, where it goes ({@link dev.prooflane.routing.RouteDecision}), the {@link
 * dev.prooflane.routing.Router} that applies them to live HTTP traffic, and the hop log it keeps.
 */
package dev.prooflane.routing;
