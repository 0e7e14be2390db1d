package dev.prooflane.actions.report;

import java.nio.file.Path;

/**
 * What {@code report.json} was sealed with, for the other reports to cite.
 *
 * @param file the report.json written
 * @param payloadSha256 hex SHA-256 of the canonical payload
 * @param keyId the signing key's id, {@code ed25519:<16 hex>}
 */
public record ReportSignature(Path file, String payloadSha256, String keyId) {}
