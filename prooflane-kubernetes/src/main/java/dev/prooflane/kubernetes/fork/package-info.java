/** Copies of baseline Deployments and Services for a sandbox, customized and kept apart. */
package dev.prooflane.kubernetes.fork;
