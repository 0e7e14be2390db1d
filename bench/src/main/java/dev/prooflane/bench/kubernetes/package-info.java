/**
 * The Kubernetes benchmark (bench/kubernetes.sh): the Sandbox operator's reconcile figures against
 * the fabric8 mock API server.
 */
package dev.prooflane.bench.kubernetes;
