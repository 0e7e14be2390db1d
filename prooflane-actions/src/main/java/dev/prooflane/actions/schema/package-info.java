/**
 * The {@code schema} action: validates a value against a JSON Schema file or an OpenAPI 3
 * operation's response schema, reporting every failing path; files stay inside the skill folder.
 */
package dev.prooflane.actions.schema;
