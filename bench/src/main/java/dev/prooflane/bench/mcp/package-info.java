/**
 * The MCP benchmark (bench/mcp.sh): tool-call latency over stdio and Streamable HTTP, and the wall
 * time of {@code validate}, against the daemon running the demo shop.
 */
package dev.prooflane.bench.mcp;
