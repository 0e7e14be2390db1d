/**
 * The {@code http} action and the request code {@code diff} shares: a request to a service of the
 * environment by name, with the routing key injected in every configured form and a W3C trace
 * context that finds the hops that served it.
 */
package dev.prooflane.actions.http;
