#!/usr/bin/env bash
# One validation longer than 60 s through the official TypeScript MCP client with a 60 s request
# timeout (resetTimeoutOnProgress, as agent hosts set it), over Streamable HTTP and over stdio,
# against the daemon running the demo shop in-process. The skill is slow-contract (the MCP tests'
# slow skill): about one product request a second, TICKS of them, in six steps. Prints, per
# transport, the elapsed time, the progress notifications received and the verdict.
#
# The daemon runs with a policy that allows 1000 steps per run (66 ticks take 138 steps).
# Env: TICKS (66: about 70 s), TRANSPORTS (http,stdio), SKIP_BUILD (0).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/prooflane-mcp-long.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CP=$("$ROOT/bench/classpath.sh")
node "$ROOT/tools/ensure-npm-deps.mjs" "$ROOT/prooflane-mcp/src/test/node" 18.17 "bench/mcp-long-validation.sh" >&2
echo "$(nproc) CPUs; node $(node --version); load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx512m -cp "$CP" dev.prooflane.bench.mcp.LongValidationMain "$ROOT" "$WORK/state"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
