/**
 * The local runtime: runs a baseline as supervised processes behind the embedded router, and
 * sandboxes as forked processes whose routes the router serves.
 */
package dev.prooflane.local;
