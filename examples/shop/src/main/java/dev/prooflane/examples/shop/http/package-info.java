/**
 * What every shop service shares: the HTTP server with health, the request log and hop bookkeeping,
 * the downstream client that injects the incoming context, and settings from the environment.
 */
package dev.prooflane.examples.shop.http;
