#!/usr/bin/env bash
# Sandbox creation at scale: a daemon runs as `prooflane up` runs it, with one service whose forks
# are a few lines of Perl answering 200 (as the dashboard's many-sandboxes test forks it), and
# SANDBOXES sandboxes are created over the REST API, PARALLEL at a time. Prints, per STEP creations,
# the creations per second, one creation's latency (p50/p95/max), its fork's spawn-to-healthy p50
# and the daemon's CPU time per creation (all its threads, from /proc): a per-creation cost that
# grows with the sandboxes shows as a rising CPU figure and a falling rate. Each fork costs about
# 5 MB of memory.
#
# Env: SANDBOXES (400), PARALLEL (8), STEP (50), THREADS (0; N adds the daemon's N busiest threads
# per STEP), SKIP_BUILD (0), DAEMON_JAVA_OPTIONS (for the daemon's JVM, such as
# -XX:StartFlightRecording=filename=/tmp/create.jfr).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CP=$(ALSO=prooflane-cli "$ROOT/bench/classpath.sh")
WORK=$(mktemp -d /tmp/prooflane-scale-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "$(nproc) CPUs, load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms64m -Xmx256m -cp "$CP" dev.prooflane.bench.scale.SandboxScaleMain \
  "$ROOT/bench/target/classes" "$WORK" "$ROOT/prooflane-cli/target/prooflane-cli.jar" \
  "$ROOT/prooflane-cli/target/prooflane-daemon.jsa"
