#!/usr/bin/env bash
# h2c throughput: h2load with prior knowledge against the Prooflane router vs. haproxy (`proto h2`
# on its bind) doing the same header routing, both to the same HTTP/1.1 upstreams (nginx), without
# and with a key (SANDBOXES sandboxes in both tables); nginx's own h2c listener as the direct
# reference. Each case once per round, ROUNDS times, the router and haproxy alternating. Prints the
# medians of req/s and of the router's CPU time per request, and router/haproxy. Loopback only.
#
# Env: DURATION (10s), WARMUP (3s), ROUNDS (3), THREADS (2), CONNECTIONS (64), STREAMS (16 per
#      connection), ROUTER_WARMUP (8s per path and pass, two passes, JIT), SANDBOXES (1000),
#      SKIP_BUILD (0), KEY (key-$((SANDBOXES / 2))).
set -euo pipefail
source "$(dirname "$0")/router-setup.sh"
source "$(dirname "$0")/router-h2load.sh"
KEY=${KEY:-key-$((SANDBOXES / 2))}
ROUNDS=${ROUNDS:-3}

need h2load haproxy nginx curl
build
start_upstreams
start_router
start_haproxy

ROUTER="http://127.0.0.1:$ROUTER_PORT/"
HAPROXY="http://127.0.0.1:$HAPROXY_H2_PORT/"
declare -A URL=([direct-h2c]="http://127.0.0.1:$BASE_H2_PORT/" [router-key]=$ROUTER
  [router-nokey]=$ROUTER [haproxy-key]=$HAPROXY [haproxy-nokey]=$HAPROXY)
declare -A HEADER=([direct-h2c]="" [router-key]="x-prooflane-key: $KEY" [router-nokey]=""
  [haproxy-key]="x-prooflane-key: $KEY" [haproxy-nokey]="")
declare -A BODY=([direct-h2c]=baseline [router-key]=fork [router-nokey]=baseline
  [haproxy-key]=fork [haproxy-nokey]=baseline)
for name in "${!URL[@]}"; do
  expect_body "$name" "${URL[$name]}" "${BODY[$name]}" "${HEADER[$name]}" --http2-prior-knowledge
done

warm_router "$ROUTER" 2 h2c "" "x-prooflane-key: $KEY"

# Each case once per round, the router and haproxy alternating; the medians over the rounds.
declare -A ALL_RPS ALL_CPU
for ((round = 1; round <= ROUNDS; round++)); do
  for name in direct-h2c router-key haproxy-key router-nokey haproxy-nokey; do
    if [[ $name == router-* ]]; then
      CPU_PID=$ROUTER_PID h2load_max "$name" "${URL[$name]}" h2c "${HEADER[$name]}"
      ALL_CPU[$name]+=" ${CPU[$name]}"
    else
      h2load_max "$name" "${URL[$name]}" h2c "${HEADER[$name]}"
    fi
    ALL_RPS[$name]+=" ${RPS[$name]}"
  done
done
# shellcheck disable=SC2086 # the rounds' figures are words
for name in "${!ALL_RPS[@]}"; do
  RPS[$name]=$(median ${ALL_RPS[$name]})
  [[ -n "${ALL_CPU[$name]:-}" ]] && CPU[$name]=$(median ${ALL_CPU[$name]})
done

echo
echo "h2load h2c -t$THREADS -c$CONNECTIONS -m$STREAMS -D$DURATION on $(nproc) CPUs," \
  "$SANDBOXES sandboxes in both route tables, HTTP/1.1 upstreams (direct: nginx's h2c)," \
  "medians of $ROUNDS alternating rounds"
echo "load average at the end: $(load_average)"
printf '%-14s %12s %16s   %s\n' case req/s 'router us/req' 'req/s by round'
for name in direct-h2c router-nokey router-key haproxy-nokey haproxy-key; do
  printf '%-14s %12s %16s  %s\n' "$name" "${RPS[$name]}" "${CPU[$name]:--}" "${ALL_RPS[$name]}"
done
echo
echo "h2c router/haproxy (keyed):   $(ratio "${RPS[router-key]}" "${RPS[haproxy-key]}") (goal: >= 1.0)"
echo "h2c router/haproxy (no key):  $(ratio "${RPS[router-nokey]}" "${RPS[haproxy-nokey]}") (goal: >= 1.0)"
