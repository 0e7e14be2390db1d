/** The REST API under {@code /api/v1}, documented by the OpenAPI file it serves. */
package dev.prooflane.server.api;
