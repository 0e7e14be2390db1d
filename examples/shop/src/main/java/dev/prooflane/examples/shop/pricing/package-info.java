/**
 * The pricing service ({@code GET /prices/{id}}) and its three variants: baseline, a 10% discount
 * (the change under validation) and a regression (a string price and a 500 for item 3).
 */
package dev.prooflane.examples.shop.pricing;
