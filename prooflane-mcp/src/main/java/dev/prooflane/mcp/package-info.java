/**
 * The MCP server of Prooflane: the same tools over stdio ({@code prooflane mcp}) and over
 * Streamable HTTP on the daemon ({@code /mcp}); every tool is a client of the daemon's REST API.
 */
package dev.prooflane.mcp;
