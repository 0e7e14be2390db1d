/** The inventory service: {@code GET /stock/{id}} says whether an item is in stock. */
package dev.prooflane.examples.shop.inventory;
