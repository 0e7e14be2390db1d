#!/usr/bin/env bash
# Reconcile figures of the Sandbox operator against the fabric8 mock API server (no cluster):
# the time from creating a Sandbox to its routes being written (median, p90, max over 20
# sandboxes, Istio and Gateway API) and the number of objects written per sandbox.
# Env: SANDBOXES (20, per provider), SKIP_BUILD (0).
# Usage: bench/kubernetes.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CP=$("$ROOT/bench/classpath.sh")
# The fixtures of prooflane-kubernetes' tests are read as files: its test classes directory comes
# before its test-jar.
java -cp "$ROOT/prooflane-kubernetes/target/test-classes:$CP" \
  dev.prooflane.bench.kubernetes.ReconcileFiguresMain
