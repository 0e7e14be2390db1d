/** Istio routing: keyed routes in the VirtualServices that send traffic to a forked Service. */
package dev.prooflane.kubernetes.istio;
