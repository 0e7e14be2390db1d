/**
 * JSON shapes the API takes and returns, shared by the daemon and its clients, and the mapper that
 * reads and writes them.
 */
package dev.prooflane.server.json;
