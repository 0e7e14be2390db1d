/**
 * Logs of baseline and fork pods, read through the Kubernetes API, behind the actions' runtime
 * interface.
 */
package dev.prooflane.kubernetes.logs;
