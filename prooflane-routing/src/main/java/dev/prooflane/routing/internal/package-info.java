/**
 * The Netty implementation of {@link dev.prooflane.routing.Router}; not an API, may change at any
 * time.
 */
package dev.prooflane.routing.internal;
