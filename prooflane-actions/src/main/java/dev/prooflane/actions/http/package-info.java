/**
 * The {@code http} action and the request code {@code diff} and {@code grpc} share: a request to a
 * service of the environment by name, with the routing key injected in every configured form and a
 * W3C trace context that finds the hops that served it; and the replay of a keyed request without
 * its key (a run's control request).
 */
package dev.prooflane.actions.http;
