#!/usr/bin/env bash
# Dashboard figures with many sandboxes: runs DashboardBrowserIT (the browser suite in Debian's
# headless Chromium against a daemon running the shop) with SANDBOXES sandboxes behind the
# sandboxes page's load figure, and prints the figures it wrote: hop to page and request to page
# (p50/p99 over 30 keyed requests), the sandboxes page's load time (median of 5 loads), the time to
# filter it down to one, and how long creating the sandboxes took. Each sandbox runs one fork
# process (a few lines of Perl answering 200); the IT's default is 200, which costs about 10 s.
#
# Env: SANDBOXES (1000).
set -euo pipefail
SANDBOXES=${SANDBOXES:-1000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -B -q -pl prooflane-ui -am verify -Dspotless.check.skip=true \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=DashboardBrowserIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Ddashboard.sandboxes="$SANDBOXES"
echo "dashboard figures ($SANDBOXES sandboxes):"
cat prooflane-ui/target/dashboard/figures.json
