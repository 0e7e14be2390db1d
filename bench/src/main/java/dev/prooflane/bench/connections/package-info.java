/**
 * Idle client connections for the memory benchmark (bench/router-memory.sh): thousands of
 * keep-alive HTTP/1.1 or h2c connections, each with one request answered, then held open.
 */
package dev.prooflane.bench.connections;
