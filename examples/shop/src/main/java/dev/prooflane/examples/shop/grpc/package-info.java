/**
 * What the shop's gRPC service and its callers share: JSON messages without generated code, W3C
 * trace context and baggage in and out of gRPC metadata, and the server with the standard health
 * service, one log line per call and the trailer that says which instance served it.
 */
package dev.prooflane.examples.shop.grpc;
