/**
 * The router benchmarks (bench/router*.sh): the router under wrk and h2load, beside haproxy and
 * nginx.
 */
package dev.prooflane.bench.router;
