/**
 * The MCP protocol of a tools-only server, for both transports: JSON-RPC 2.0 messages read and
 * checked ({@link dev.prooflane.mcp.protocol.MessageReader}), the lifecycle and methods of one
 * session ({@link dev.prooflane.mcp.protocol.McpSession}), tool calls with progress and
 * cancellation.
 */
package dev.prooflane.mcp.protocol;
