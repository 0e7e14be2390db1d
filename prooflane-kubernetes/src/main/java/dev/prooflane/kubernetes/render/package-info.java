/**
 * Renders, without a cluster, the objects the operator would write for a sandbox file and a
 * baseline directory.
 */
package dev.prooflane.kubernetes.render;
