/** Transport details: the Vert.x Streamable HTTP endpoint and end-of-input handling on stdio. */
package dev.prooflane.mcp.internal;
