#!/usr/bin/env bash
# MCP benchmark: the latency of three read tools (list_sandboxes, get_sandbox, list_skills) over
# Streamable HTTP and stdio, p50/p95/p99/max over 100 calls of each after 20 warm-up calls (and per
# transport, the three together), the REST call each of them makes, and the wall time of `validate`
# (fork pricing, run product-contract), against the daemon running the demo shop in-process.
# Loopback only; prints one line per figure.
#
# Env: CALLS (100), WARMUP_CALLS (20), VALIDATES (3), SKIP_BUILD (0).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/prooflane-mcp-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CP=$("$ROOT/bench/classpath.sh")
echo "$(nproc) CPUs; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx512m -cp "$CP" dev.prooflane.bench.mcp.McpLatencyMain "$ROOT" "$WORK/state"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
