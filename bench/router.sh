#!/usr/bin/env bash
# Router benchmark: direct upstream vs. the Prooflane router (no key, and keyed with 1,000
# sandboxes in the table) vs. haproxy doing the same header routing. Each case once per round,
# ROUNDS times, the router and haproxy alternating; prints the medians over the rounds (one run
# alone moves by up to 15% here when other processes share the cores). Loopback only.
#
# Env: DURATION (10s), ROUNDS (3), CONNECTIONS (64), THREADS (2), WARMUP (3s, before each case),
#      ROUTER_WARMUP (8s per path and pass, two passes, JIT), SANDBOXES (1000),
#      SKIP_BUILD (0), KEY (key-$((SANDBOXES / 2)), the middle of the table).
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3s}
ROUTER_WARMUP=${ROUTER_WARMUP:-8s}
ROUNDS=${ROUNDS:-3}
source "$(dirname "$0")/router-setup.sh"
KEY=${KEY:-key-$((SANDBOXES / 2))}

# run NAME URL EXPECTED_BODY [HEADER]: one measured run, its figures appended to ALL_*[NAME].
declare -A RPS P50 P99 CPU ALL_RPS ALL_P50 ALL_P99 ALL_CPU
# CPU seconds (user + system, in clock ticks) the router process has used so far.
router_ticks() { awk '{print $14 + $15}' "/proc/$ROUTER_PID/stat" 2>/dev/null || echo 0; }
run() {
  local name=$1 url=$2 expect=$3 header=${4:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  [[ -n "$header" ]] && args+=(-H "$header")
  expect_body "$name" "$url" "$expect" "$header"
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  local ticks0
  ticks0=$(router_ticks)
  wrk "${args[@]}" -d"$DURATION" "$url" >"$WORK/$name.txt"
  # Router CPU per request: steadier than req/s when other processes share the cores.
  if [[ "$name" == router-* ]]; then
    ALL_CPU[$name]+=" $(awk -v t0="$ticks0" -v t1="$(router_ticks)" -v hz="$(getconf CLK_TCK)" \
      '/requests in/ {printf "%.1f", (t1 - t0) * 1e6 / hz / $1}' "$WORK/$name.txt")"
  fi
  ALL_RPS[$name]+=" $(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")"
  ALL_P50[$name]+=" $(awk '$1 == "50%" {print ms($2)} function ms(t) {
    return t ~ /us$/ ? t / 1000 : t ~ /ms$/ ? t + 0 : t * 1000 }' "$WORK/$name.txt")"
  ALL_P99[$name]+=" $(awk '$1 == "99%" {print ms($2)} function ms(t) {
    return t ~ /us$/ ? t / 1000 : t ~ /ms$/ ? t + 0 : t * 1000 }' "$WORK/$name.txt")"
  if grep -q "Non-2xx\|Socket errors" "$WORK/$name.txt"; then
    grep "Non-2xx\|Socket errors" "$WORK/$name.txt" | sed "s/^/$name: /" >&2
  fi
}

need wrk haproxy nginx
build
start_upstreams
start_router
start_haproxy

# JIT warm-up of the router on both paths before anything is measured, alternating twice: after
# a single pass the first measured case still paid for C2 compiles (router CPU/request ~2x).
for _ in 1 2; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$ROUTER_WARMUP" "http://127.0.0.1:$ROUTER_PORT/" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$ROUTER_WARMUP" -H "x-prooflane-key: $KEY" \
    "http://127.0.0.1:$ROUTER_PORT/" >/dev/null
done

for ((round = 1; round <= ROUNDS; round++)); do
  run direct "http://127.0.0.1:$BASE_PORT/" baseline
  run router-nokey "http://127.0.0.1:$ROUTER_PORT/" baseline
  run haproxy-nokey "http://127.0.0.1:$HAPROXY_PORT/" baseline
  run router-key "http://127.0.0.1:$ROUTER_PORT/" fork "x-prooflane-key: $KEY"
  run haproxy-key "http://127.0.0.1:$HAPROXY_PORT/" fork "x-prooflane-key: $KEY"
done
# shellcheck disable=SC2086 # the rounds' figures are words
for name in "${!ALL_RPS[@]}"; do
  RPS[$name]=$(median ${ALL_RPS[$name]})
  P50[$name]=$(median ${ALL_P50[$name]})ms
  P99[$name]=$(median ${ALL_P99[$name]})ms
  [[ -n "${ALL_CPU[$name]:-}" ]] && CPU[$name]=$(median ${ALL_CPU[$name]})
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) CPUs, $SANDBOXES sandboxes in both route tables," \
  "medians of $ROUNDS alternating rounds"
echo "load average at the end: $(load_average) (this benchmark alone keeps it near 4-6)"
printf '%-14s %12s %10s %10s %16s   %s\n' case req/s p50 p99 'router us/req' 'req/s by round'
for name in direct router-nokey router-key haproxy-nokey haproxy-key; do
  printf '%-14s %12s %10s %10s %16s  %s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" \
    "${CPU[$name]:--}" "${ALL_RPS[$name]}"
done
echo
echo "router/haproxy (keyed):   $(ratio "${RPS[router-key]}" "${RPS[haproxy-key]}") (goal: >= 1.0)"
echo "router/haproxy (no key):  $(ratio "${RPS[router-nokey]}" "${RPS[haproxy-nokey]}") (goal: >= 1.0)"
echo "router/direct (no key):   $(ratio "${RPS[router-nokey]}" "${RPS[direct]}")"

# ALL=1: then the other router figures, each by its own script (bench/router-*.sh), one after the
# other (this run's processes stopped first: they use the same ports).
if [[ "${ALL:-0}" == 1 ]]; then
  cleanup
  for figure in h2c latency sandboxes grpc memory; do
    echo
    SKIP_BUILD=1 "$ROOT/bench/router-$figure.sh"
  done
fi
