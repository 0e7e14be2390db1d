/**
 * The catalog service: {@code GET /items/{id}} answers name and description and asks pricing for
 * the price; one variant forgets to propagate the context to pricing.
 */
package dev.prooflane.examples.shop.catalog;
