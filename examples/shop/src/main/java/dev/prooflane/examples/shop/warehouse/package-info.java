/**
 * The warehouse, the shop's gRPC service: {@code shop.Warehouse/Stock} answers how many of an item
 * are on hand; inventory calls it with {@link
 * dev.prooflane.examples.shop.warehouse.WarehouseClient}. Two variants: the baseline and a restock
 * of item 4.
 */
package dev.prooflane.examples.shop.warehouse;
