/**
 * The gRPC benchmark (bench/router-grpc.sh): unary calls of a grpc-java load client to a grpc-java
 * server, directly and through the router.
 */
package dev.prooflane.bench.grpc;
