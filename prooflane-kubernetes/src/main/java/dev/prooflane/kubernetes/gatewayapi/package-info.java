/**
 * Gateway API routing: HTTPRoutes and GRPCRoutes attached to a forked Service (GAMMA) that send
 * keyed requests to the fork.
 */
package dev.prooflane.kubernetes.gatewayapi;
