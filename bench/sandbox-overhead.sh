#!/usr/bin/env bash
# Sandbox overhead benchmark: a daemon runs as `prooflane up` runs it (its own JVM from the CLI's
# jar and start-up archive) with one tiny JVM service (ReadyEchoMain); first FRESH fresh daemons per
# start-up archive (the JDK's own, and the one the launcher maps for `up`), alternately, each for
# the time to ready and its first creation; then SANDBOXES sandboxes forking it are created one
# after another over the REST API and deleted again.
# Prints p50/p95 of: create request -> routable (the answer), the fork's own start-up (from its
# process starting, stamped by bash, to its own first health answer), and Prooflane's own overhead
# (the difference) split into HTTP/policy, spawn, health-poll lag, route swap + READY record, audit
# record + answer; then the goal line (own overhead p50 vs 100 ms) and what a state record, an
# audit record and a route swap cost alone. Loopback only.
#
# Env: SANDBOXES (20), WARMUP (3, unmeasured creations first; 0 measures the first too), FRESH (4),
# SKIP_BUILD (0).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CP=$("$ROOT/bench/classpath.sh")
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # the CLI's jar and start-up archive (a reactor build: nothing is installed into ~/.m2)
  (cd "$ROOT" && mvn -q -B -pl prooflane-cli -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
WORK=$(mktemp -d /tmp/prooflane-overhead-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
load() { echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "$(nproc) CPUs"
load "at the start"
java -Xms256m -Xmx512m -cp "$CP" dev.prooflane.bench.overhead.SandboxOverheadMain \
  "$ROOT/bench/target/classes" "$WORK" "$ROOT/prooflane-cli/target/prooflane-cli.jar" \
  "$ROOT/prooflane-cli/target/prooflane-daemon.jsa"
load "at the end"
