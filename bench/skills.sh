#!/usr/bin/env bash
# Skills engine benchmark: (1) the engine's overhead per step beyond the network time of its HTTP
# exchanges, against the same requests sent by a plain java.net.http loop; (2) N concurrent runs of
# product-contract against N sandboxes that each fork pricing, counting cross-talk. Runs the demo
# shop's daemon in-process (dev.prooflane.bench.skills.SkillsBenchMain); loopback only; prints figures.
#
# Env: CHECKS (50 check steps after one http step), HTTP_STEPS (20 http steps to pricing),
#      WARMUP_RUNS (30), RUNS (200, measured runs of each skill), SANDBOXES (50),
#      CREATE_PARALLEL (3, sandboxes created at once), ROUNDS (3, of the concurrent runs),
#      SKIP_BUILD (0).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/prooflane-skills-bench.XXXXXX)
# Every fork JVM carries this property, so leftovers are found without matching other work's JVMs.
MARKER="prooflane.bench.skills=$(basename "$WORK")"
BENCH_PID=
cleanup() {
  [[ -n "$BENCH_PID" ]] && kill "$BENCH_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

CP=$("$ROOT/bench/classpath.sh")
echo "$(nproc) CPUs; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PricingDiscountMain processes before: $(pgrep -fc PricingDiscountMain || true)"
START=$(date +%s)
# Small heap: the benchmark holds at most a few hundred run results; the forks are separate JVMs.
java -Xms256m -Xmx512m -cp "$CP" dev.prooflane.bench.skills.SkillsBenchMain "$ROOT" "$WORK" "$MARKER" &
BENCH_PID=$!
wait "$BENCH_PID"
BENCH_PID=
echo
echo "total $(($(date +%s) - START)) s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
LEFT=$(pgrep -fc -- "-D$MARKER" || true)
echo "fork processes of this benchmark left: $LEFT;" \
  "PricingDiscountMain processes on the machine: $(pgrep -fc PricingDiscountMain || true)"
[[ "$LEFT" == 0 ]]
