/**
 * The {@code grpc} action and the call code {@code diff} shares: a gRPC method of a service of the
 * environment (through its router listener, with the routing key in metadata) or of an external
 * host the policy allows, called with JSON messages converted by the method's descriptors (from
 * server reflection or a descriptor-set file).
 */
package dev.prooflane.actions.grpc;
