/** Writes Agent Skills ({@code SKILL.md} folders) and an {@code AGENTS.md} snippet for agents. */
package dev.prooflane.mcp.agentskills;
