package dev.prooflane.routing.internal;

import dev.prooflane.routing.RouteTable;
import dev.prooflane.routing.Upstream;

/**
 * The route table in force and the connection pool of every upstream it references, swapped
 * together so a request never sees a pool that does not belong to its table.
 */
record RouteState(RouteTable table, ShardedMap<Upstream, UpstreamPool> pools) {}
