/** A client of the daemon's REST API, for the CLI and the MCP server. */
package dev.prooflane.server.client;
