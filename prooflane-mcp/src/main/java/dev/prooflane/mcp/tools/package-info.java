/** The MCP tools: names, JSON-Schema inputs and outputs, and how each calls the daemon. */
package dev.prooflane.mcp.tools;
