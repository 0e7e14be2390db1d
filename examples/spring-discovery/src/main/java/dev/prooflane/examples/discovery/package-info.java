/**
 * A Spring Cloud application that calls other services by logical name, the way a gateway of Spring
 * PetClinic microservices does: what docs/propagation.md's discovery recipe points at the router.
 */
package dev.prooflane.examples.discovery;
