#!/usr/bin/env bash
# Service start time with the jars of `propagation:` (docs/propagation.md): the demo shop's catalog,
# started with its command from examples/shop/prooflane.yaml, from process start to its first
# GET /health 200 (polled every 5 ms), with propagation none, opentelemetry-agent and detect in
# turn (the environment the local runtime gives each), ROUNDS times; prints the medians and each
# one's ratio to none, measured in the same run. Loopback only.
#
# Env: ROUNDS (10), SKIP_BUILD (0), AGENTS (the folder of the two jars; default: the CLI's
# target/agents).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # the benchmarks, the shop's jar and the CLI's target/agents (a reactor build: nothing is
  # installed into ~/.m2)
  (cd "$ROOT" && mvn -q -B -pl bench,prooflane-cli -am package -DskipTests \
    -Dspotless.check.skip=true) >&2
fi
CP=$(SKIP_BUILD=1 "$ROOT/bench/classpath.sh")
echo "$(nproc) CPUs; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" dev.prooflane.bench.propagation.StartTimeMain \
  "$ROOT/examples/shop/prooflane.yaml" "${AGENTS:-$ROOT/prooflane-cli/target/agents}" \
  "${ROUNDS:-10}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
