#!/usr/bin/env bash
# h2c throughput: h2load with prior knowledge against the Prooflane router vs. haproxy (`proto h2`
# on its bind) doing the same header routing, both to the same HTTP/1.1 upstreams (nginx), without
# and with a key (SANDBOXES sandboxes in both tables); nginx's own h2c listener as the direct
# reference. Prints req/s, the router's CPU time per request and router/haproxy. Loopback only.
#
# Env: DURATION (10s), WARMUP (3s), THREADS (2), CONNECTIONS (64), STREAMS (16 per connection),
#      ROUTER_WARMUP (8s per path and pass, two passes, JIT), SANDBOXES (1000), SKIP_BUILD (0),
#      KEY (key-$((SANDBOXES / 2))).
set -euo pipefail
source "$(dirname "$0")/router-setup.sh"
source "$(dirname "$0")/router-h2load.sh"
KEY=${KEY:-key-$((SANDBOXES / 2))}

need h2load haproxy nginx curl
build
start_upstreams
start_router
start_haproxy

ROUTER="http://127.0.0.1:$ROUTER_PORT/"
HAPROXY="http://127.0.0.1:$HAPROXY_H2_PORT/"
H2=--http2-prior-knowledge
expect_body direct-h2c "http://127.0.0.1:$BASE_H2_PORT/" baseline "" $H2
expect_body router-nokey "$ROUTER" baseline "" $H2
expect_body router-key "$ROUTER" fork "x-prooflane-key: $KEY" $H2
expect_body haproxy-nokey "$HAPROXY" baseline "" $H2
expect_body haproxy-key "$HAPROXY" fork "x-prooflane-key: $KEY" $H2

warm_router "$ROUTER" 2 h2c "" "x-prooflane-key: $KEY"

# h2load_max NAME URL h2c [HEADER], with the router's CPU time per request on the router's cases.
measure() {
  if [[ "$1" == router-* ]]; then CPU_PID=$ROUTER_PID h2load_max "$1" "$2" h2c "${3:-}"; else
    h2load_max "$1" "$2" h2c "${3:-}"
  fi
}
measure direct-h2c "http://127.0.0.1:$BASE_H2_PORT/"
measure router-nokey "$ROUTER"
measure router-key "$ROUTER" "x-prooflane-key: $KEY"
measure haproxy-key "$HAPROXY" "x-prooflane-key: $KEY"
measure haproxy-nokey "$HAPROXY"

echo
echo "h2load h2c -t$THREADS -c$CONNECTIONS -m$STREAMS -D$DURATION on $(nproc) CPUs," \
  "$SANDBOXES sandboxes in both route tables, HTTP/1.1 upstreams (direct: nginx's h2c)"
echo "load average at the end: $(load_average)"
printf '%-14s %12s %16s\n' case req/s 'router us/req'
for name in direct-h2c router-nokey router-key haproxy-nokey haproxy-key; do
  printf '%-14s %12s %16s\n' "$name" "${RPS[$name]}" "${CPU[$name]:--}"
done
echo
echo "h2c router/haproxy (keyed):   $(ratio "${RPS[router-key]}" "${RPS[haproxy-key]}") (goal: >= 1.0)"
echo "h2c router/haproxy (no key):  $(ratio "${RPS[router-nokey]}" "${RPS[haproxy-nokey]}") (goal: >= 1.0)"
