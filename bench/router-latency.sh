#!/usr/bin/env bash
# Latency at a fixed rate: h2load --rps over RATE_CONNECTIONS connections, HTTP/1.1 (--h1) and h2c
# (prior knowledge), at a tenth and at half of the router's own maximum (measured first, keyed,
# per protocol): the upstream direct vs. haproxy vs. the Prooflane router, both routing by the key
# header (SANDBOXES sandboxes in both tables) to the fork upstream. p50/p99/p99.9 come from h2load's
# per-request log; each case ROUNDS times, the medians printed. Prints the p99 each hop adds over
# direct (goal: <= 0.5 ms) and the router's p99.9 against haproxy's (goal: no worse). Loopback
# only.
#
# Env: DURATION (10s per measured run), WARMUP (3s before each), ROUNDS (3), MAX_DURATION (5s, the
#      router's maximum), RATE_CONNECTIONS (16), THREADS (2), CONNECTIONS (64) and STREAMS (16) for the
#      maximum, ROUTER_WARMUP (8s per protocol and pass, two passes, then one unmeasured run of
#      the router at each rate), SANDBOXES (1000),
#      SKIP_BUILD (0), KEY (key-$((SANDBOXES / 2))).
set -euo pipefail
source "$(dirname "$0")/router-setup.sh"
source "$(dirname "$0")/router-h2load.sh"
KEY=${KEY:-key-$((SANDBOXES / 2))}
MAX_DURATION=${MAX_DURATION:-5s}
ROUNDS=${ROUNDS:-3}
HEADER="x-prooflane-key: $KEY"

need h2load haproxy nginx curl
build
start_upstreams
start_router
start_haproxy

# Each protocol's three targets, all answering "fork" but direct h2c (nginx's own h2c listener).
declare -A URL=(
  [direct - h1]="http://127.0.0.1:$FORK_PORT/"
  [haproxy - h1]="http://127.0.0.1:$HAPROXY_PORT/"
  [router - h1]="http://127.0.0.1:$ROUTER_PORT/"
  [direct - h2c]="http://127.0.0.1:$BASE_H2_PORT/"
  [haproxy - h2c]="http://127.0.0.1:$HAPROXY_H2_PORT/"
  [router - h2c]="http://127.0.0.1:$ROUTER_PORT/"
)
expect_body direct-h1 "${URL[direct - h1]}" fork
expect_body haproxy-h1 "${URL[haproxy - h1]}" fork "$HEADER"
expect_body router-h1 "${URL[router - h1]}" fork "$HEADER"
expect_body direct-h2c "${URL[direct - h2c]}" baseline "" --http2-prior-knowledge
expect_body haproxy-h2c "${URL[haproxy - h2c]}" fork "$HEADER" --http2-prior-knowledge
expect_body router-h2c "${URL[router - h2c]}" fork "$HEADER" --http2-prior-knowledge

for _ in 1 2; do
  warm_router "${URL[router - h1]}" 1 h1 "$HEADER"
  warm_router "${URL[router - h2c]}" 1 h2c "$HEADER"
done

declare -A RATE
for proto in h1 h2c; do
  DURATION=$MAX_DURATION h2load_max "max-$proto" "${URL[router - $proto]}" "$proto" "$HEADER"
  RATE[$proto - 10]=$((RPS[max-$proto] / 10))
  RATE[$proto - 2]=$((RPS[max-$proto] / 2))
done

# The JIT's warm-up at the fixed rates too: a light load takes paths that full load does not (an
# event loop woken per request, a flush per answer), and the optimizing compiler was still busy
# with them during the router's first measured run (1.1 s of its CPU in 8 s, `perf sched`).
for proto in h1 h2c; do
  for share in 10 2; do
    h2load_rate "warm-$proto-$share" "${URL[router - $proto]}" "$proto" "${RATE[$proto - $share]}" \
      "$HEADER"
  done
done

# Each case once per round, direct, haproxy and the router in turn; the medians over the rounds (the
# p99.9 of one 10-s run moves by half of itself from run to run here).
declare -A ALL_RPS ALL_P50 ALL_P99 ALL_P999
for ((round = 1; round <= ROUNDS; round++)); do
  for proto in h1 h2c; do
    for share in 10 2; do
      for target in direct haproxy router; do
        name=$proto-$share-$target
        header=$HEADER
        [[ $target == direct ]] && header=""
        h2load_rate "$name" "${URL[$target - $proto]}" "$proto" "${RATE[$proto - $share]}" "$header"
        ALL_RPS[$name]+=" ${RPS[$name]}"
        ALL_P50[$name]+=" ${P50[$name]}"
        ALL_P99[$name]+=" ${P99[$name]}"
        ALL_P999[$name]+=" ${P999[$name]}"
      done
    done
  done
done
# shellcheck disable=SC2086 # the rounds' figures are words
for name in "${!ALL_RPS[@]}"; do
  RPS[$name]=$(median ${ALL_RPS[$name]})
  P50[$name]=$(median ${ALL_P50[$name]})
  P99[$name]=$(median ${ALL_P99[$name]})
  P999[$name]=$(median ${ALL_P999[$name]})
done

echo
echo "h2load --rps over $RATE_CONNECTIONS connections, -D$DURATION per run, on $(nproc) CPUs," \
  "$SANDBOXES sandboxes in both route tables, keyed requests to the fork upstream"
echo "the router's maximum (keyed, -c$CONNECTIONS, h2c -m$STREAMS): HTTP/1.1 ${RPS[max-h1]} req/s," \
  "h2c ${RPS[max-h2c]} req/s"
echo "medians of $ROUNDS rounds; load average at the end: $(load_average)"
printf '%-5s %-10s %-8s %10s %9s %9s %9s   %s\n' proto rate target 'req/s' 'p50 ms' 'p99 ms' \
  'p99.9 ms' 'p99.9 by round'
for proto in h1 h2c; do
  for share in 10 2; do
    for target in direct haproxy router; do
      name=$proto-$share-$target
      printf '%-5s %-10s %-8s %10s %9s %9s %9s  %s\n' "$proto" "1/$share max" "$target" \
        "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${P999[$name]}" "${ALL_P999[$name]}"
    done
  done
done
echo
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; }
for proto in h1 h2c; do
  for share in 10 2; do
    n=$proto-$share
    echo "$proto at ${RATE[$proto - $share]} req/s (1/$share of the router's max):" \
      "p99 added over direct: haproxy $(added "${P99[$n-haproxy]}" "${P99[$n-direct]}") ms," \
      "router $(added "${P99[$n-router]}" "${P99[$n-direct]}") ms (goal: <= +0.5);" \
      "p99.9 router/haproxy $(ratio "${P999[$n-router]}" "${P999[$n-haproxy]}")" \
      "(${P999[$n-router]} vs ${P999[$n-haproxy]} ms; goal: <= 1.0)"
  done
done
