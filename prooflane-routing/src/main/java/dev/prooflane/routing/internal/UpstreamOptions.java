package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.HttpDecoderConfig;

/**
 * What every upstream connection of a router is set up with.
 *
 * @param decoder limits of the response decoder
 * @param idleTimeoutMillis how long an exchange may go without a byte from or to the upstream
 */
record UpstreamOptions(HttpDecoderConfig decoder, long idleTimeoutMillis) {}
