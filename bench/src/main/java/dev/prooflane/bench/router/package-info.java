/** The router benchmark (bench/router.sh): the router under wrk, beside haproxy and nginx. */
package dev.prooflane.bench.router;
