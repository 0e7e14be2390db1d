#!/usr/bin/env bash
# 1 -> 10,000 sandboxes in the routing table: two Prooflane routers side by side, one with 1
# sandbox and one with BIG sandboxes, each measured keyed (its middle key) to the same fork
# upstream (nginx), alternately, ROUNDS times: closed-loop throughput, then p50/p99 at a fixed
# rate (a tenth of the small router's first maximum). Prints the medians over the rounds and the
# big/small ratios (goal: p50 within 5%). Loopback only.
#
# Env: BIG (10000), ROUNDS (3), PROTO (h1, or h2c), DURATION (10s per measured run), WARMUP (3s
#      before each), RATE (a tenth of the small router's maximum), RATE_CONNECTIONS (16),
#      THREADS (2), CONNECTIONS (64), STREAMS (16), ROUTER_WARMUP (8s per router and pass, two
#      passes), SKIP_BUILD (0).
set -euo pipefail
source "$(dirname "$0")/router-setup.sh"
source "$(dirname "$0")/router-h2load.sh"
BIG=${BIG:-10000}
ROUNDS=${ROUNDS:-3}
PROTO=${PROTO:-h1}
BIG_PORT=$((ROUTER_PORT + 5))

need h2load nginx curl
build
start_upstreams
start_router "$ROUTER_PORT" 1
start_router "$BIG_PORT" "$BIG"

declare -A URL=([1]="http://127.0.0.1:$ROUTER_PORT/" [$BIG]="http://127.0.0.1:$BIG_PORT/")
declare -A HEADER=([1]="x-prooflane-key: key-0" [$BIG]="x-prooflane-key: key-$((BIG / 2))")
CURL_PROTO=--http1.1
[[ $PROTO == h2c ]] && CURL_PROTO=--http2-prior-knowledge
for size in 1 "$BIG"; do
  expect_body "router-$size" "${URL[$size]}" fork "${HEADER[$size]}" $CURL_PROTO
done
for _ in 1 2; do
  for size in 1 "$BIG"; do warm_router "${URL[$size]}" 1 "$PROTO" "${HEADER[$size]}"; done
done

declare -A MAXES P50S P99S
for ((round = 1; round <= ROUNDS; round++)); do
  for size in 1 "$BIG"; do
    h2load_max "max-$size-$round" "${URL[$size]}" "$PROTO" "${HEADER[$size]}"
    MAXES[$size]+=" ${RPS[max-$size-$round]}"
    RATE=${RATE:-$((RPS[max-1-1] / 10))}
    h2load_rate "rate-$size-$round" "${URL[$size]}" "$PROTO" "$RATE" "${HEADER[$size]}"
    P50S[$size]+=" ${P50[rate-$size-$round]}"
    P99S[$size]+=" ${P99[rate-$size-$round]}"
  done
done

echo
echo "$PROTO, keyed, 1 vs $BIG sandboxes in the route table, $ROUNDS alternating rounds" \
  "(medians), -D$DURATION per run, on $(nproc) CPUs"
echo "load average at the end: $(load_average)"
printf '%-10s %-28s %-28s %-28s\n' sandboxes 'max req/s' "p50 ms at $RATE req/s" 'p99 ms'
for size in 1 "$BIG"; do
  # shellcheck disable=SC2086 # the rounds' figures are words
  printf '%-10s %-28s %-28s %-28s\n' "$size" "$(median ${MAXES[$size]}) (${MAXES[$size]# })" \
    "$(median ${P50S[$size]}) (${P50S[$size]# })" "$(median ${P99S[$size]}) (${P99S[$size]# })"
done
echo
# shellcheck disable=SC2086
echo "$BIG/1 sandboxes: p50 $(ratio "$(median ${P50S[$BIG]})" "$(median ${P50S[1]})")" \
  "(goal: <= 1.05), throughput $(ratio "$(median ${MAXES[$BIG]})" "$(median ${MAXES[1]})")"
