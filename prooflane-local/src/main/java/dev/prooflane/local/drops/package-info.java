/**
 * Reading the drop records that the services' drop detectors append under the state folder's {@code
 * drops/}: tolerant of unknown fields, torn last lines and malformed lines.
 */
package dev.prooflane.local.drops;
