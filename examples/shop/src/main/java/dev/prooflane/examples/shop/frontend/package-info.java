/**
 * The frontend service: {@code GET /products/{id}} merges the catalog item (with its price) and the
 * inventory stock into one product.
 */
package dev.prooflane.examples.shop.frontend;
