/**
 * Reports of a run: the signed in-toto statement ({@code report.json}) and its verifier, the pull
 * request summary ({@code report.md}), JUnit XML for CI and a single-file HTML report.
 */
package dev.prooflane.actions.report;
