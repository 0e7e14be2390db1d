#!/usr/bin/env bash
# CLI start-time benchmark: the wall time of the read commands of ./prooflane beside `java -version`
# in the same run (hyperfine: mean, median, stddev, min, max; and the ratio of each mean to that of
# `java -version`). The read commands run against a detached daemon on the demo shop, started here
# with its own state folder under /tmp and stopped at the end, and `sandbox list` also against no
# daemon. The launcher builds the project first when it is stale.
#
# Env: RUNS (20), WARMUP (3), CLI (the launcher measured; ./prooflane).
set -euo pipefail
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLI=${CLI:-$ROOT/prooflane}
WORK=$(mktemp -d /tmp/prooflane-cli-bench.XXXXXX)
STATE="$WORK/state"
cleanup() {
  "$CLI" down --state-dir "$STATE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v hyperfine >/dev/null; then
  echo "installing: hyperfine" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
fi

"$CLI" --version >/dev/null # builds when stale, outside the measurement
"$CLI" up -f "$ROOT/examples/shop/prooflane.yaml" --detach --api-port 0 --state-dir "$STATE" \
  >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; exit 1; }

echo "$(nproc) CPUs; $(java -version 2>&1 | head -1); load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
# -N: no shell between hyperfine and the command; each command must exit 0 (the daemon's is up)
# except `sandbox list` against no daemon, which exits 3.
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --style basic --export-json "$WORK/cli.json" \
  --command-name 'java -version' 'java -version' \
  --command-name 'prooflane --version' "$CLI --version" \
  --command-name 'prooflane --help' "$CLI --help" \
  --command-name 'prooflane status' "$CLI status --state-dir $STATE" \
  --command-name 'prooflane sandbox list' "$CLI sandbox list --state-dir $STATE" \
  --command-name 'prooflane skill list' "$CLI skill list --state-dir $STATE" \
  --command-name 'prooflane hops' "$CLI hops --state-dir $STATE" \
  --command-name 'prooflane logs pricing' "$CLI logs pricing --tail 5 --state-dir $STATE" \
  >"$WORK/hyperfine.txt" 2>&1 || { cat "$WORK/hyperfine.txt" >&2; exit 1; }
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --style basic --export-json "$WORK/none.json" \
  --ignore-failure \
  --command-name 'prooflane sandbox list (no daemon)' "$CLI sandbox list --state-dir $WORK/none" \
  >>"$WORK/hyperfine.txt" 2>&1 || { cat "$WORK/hyperfine.txt" >&2; exit 1; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK/cli.json" "$WORK/none.json" <<'PY'
import json, sys
results = [r for f in sys.argv[1:] for r in json.load(open(f))["results"]]
java = next(r for r in results if r["command"] == "java -version")["mean"]
print(f"{'command':38} {'mean':>8} {'median':>8} {'stddev':>8} {'min':>8} {'max':>8}  x java -version")
for r in results:
    ms = lambda s: f"{s * 1000:6.1f}ms"
    print(f"{r['command']:38} {ms(r['mean']):>8} {ms(r['median']):>8} {ms(r['stddev']):>8}"
          f" {ms(r['min']):>8} {ms(r['max']):>8}  {r['mean'] / java:5.1f}")
PY
