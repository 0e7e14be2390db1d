#!/usr/bin/env bash
# Prints the classpath of the benchmarks (the bench module's classes and its runtime dependencies),
# building them first unless SKIP_BUILD=1. A reactor build of bench and the modules it needs:
# nothing is installed into ~/.m2, and the demo shop's jar (forked by the skills and MCP
# benchmarks) is built too; ALSO (such as prooflane-cli) names more modules for the same reactor
# build. Used by the other bench/*.sh scripts.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Maven's own output goes to stderr: stdout carries the classpath.
  mvn -q -B -pl "bench${ALSO:+,$ALSO}" -am package -DskipTests -Dspotless.check.skip=true >&2
fi
if [[ ! -f bench/target/classpath.txt ]]; then
  echo "bench/target/classpath.txt is missing: run without SKIP_BUILD=1 once" >&2
  exit 1
fi
echo "$ROOT/bench/target/classes:$(cat bench/target/classpath.txt)"
