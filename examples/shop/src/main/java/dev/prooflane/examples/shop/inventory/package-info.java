/**
 * The inventory service: {@code GET /stock/{id}} says whether an item is in stock, from what the
 * warehouse (gRPC) has on hand.
 */
package dev.prooflane.examples.shop.inventory;
