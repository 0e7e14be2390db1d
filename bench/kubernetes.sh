#!/usr/bin/env bash
# Reconcile figures of the Sandbox operator against the fabric8 mock API server (no cluster):
# the time from creating a Sandbox to its routes being written (median, p90, max over 20
# sandboxes, Istio and Gateway API) and the number of objects written per sandbox.
# Usage: bench/kubernetes.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q install -DskipTests -pl prooflane-kubernetes -am
mvn -B verify -pl prooflane-kubernetes -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ReconcileFiguresIT -Dspotless.check.skip=true | grep '^FIGURE'
