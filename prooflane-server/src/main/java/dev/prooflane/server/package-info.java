/** The control-plane daemon: a local runtime behind a REST API, and how clients find it. */
package dev.prooflane.server;
