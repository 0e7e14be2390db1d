#!/usr/bin/env bash
# gRPC unary through the Prooflane router vs. direct: a grpc-java load client (UnaryLoadMain, one
# channel, CONCURRENCY calls in flight, a closed loop) against a grpc-java server (UnaryServerMain)
# directly, and through the router (the server is baseline and fork, protocol grpc, SANDBOXES
# sandboxes in the table) without and with a key in metadata. Prints calls/s, p50/p99/p99.9, the
# router/direct throughput ratio and the p99 the router adds. Loopback only.
#
# Env: DURATION (10, seconds per measured run), WARMUP (5, seconds before each, in the same client),
#      CONCURRENCY (64), ROUTER_WARMUP (8, seconds per path and pass, two passes, JIT),
#      SANDBOXES (1000), SKIP_BUILD (0), KEY (key-$((SANDBOXES / 2))).
set -euo pipefail
source "$(dirname "$0")/router-setup.sh"
# Whole seconds; a trailing "s" (as the other scripts take them) is dropped.
DURATION=${DURATION:-10}
DURATION=${DURATION%s}
WARMUP=${WARMUP:-5}
WARMUP=${WARMUP%s}
CONCURRENCY=${CONCURRENCY:-64}
ROUTER_WARMUP=${ROUTER_WARMUP:-8}
ROUTER_WARMUP=${ROUTER_WARMUP%s}
KEY=${KEY:-key-$((SANDBOXES / 2))}
GRPC_PORT=$((BASE_PORT + 5))

build
java -Xms256m -Xmx256m -cp "$CP" dev.prooflane.bench.grpc.UnaryServerMain "$GRPC_PORT" \
  >"$WORK/grpc-server.log" 2>&1 &
PIDS+=($!)
wait_line "$WORK/grpc-server.log" READY || exit 1
start_router "$ROUTER_PORT" "$SANDBOXES" grpc "$GRPC_PORT" "$GRPC_PORT"

# load NAME PORT WARMUP SECONDS [KEY]: one client run; its figures line goes to $WORK/NAME.txt.
load() {
  local name=$1
  shift
  java -Xms256m -Xmx256m -cp "$CP" dev.prooflane.bench.grpc.UnaryLoadMain "$1" "$CONCURRENCY" \
    "${@:2}" >"$WORK/$name.txt"
  if ! grep -q ' errors=0$' "$WORK/$name.txt"; then
    echo "$name: $(cat "$WORK/$name.txt")" >&2
  fi
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.txt"; }

for _ in 1 2; do
  load warm-nokey "$ROUTER_PORT" 0 "$ROUTER_WARMUP"
  load warm-key "$ROUTER_PORT" 0 "$ROUTER_WARMUP" "$KEY"
done
load direct "$GRPC_PORT" "$WARMUP" "$DURATION"
load router-nokey "$ROUTER_PORT" "$WARMUP" "$DURATION"
load router-key "$ROUTER_PORT" "$WARMUP" "$DURATION" "$KEY"

echo
echo "gRPC unary, grpc-java client and server, one channel, $CONCURRENCY calls in flight," \
  "${DURATION}s per run, on $(nproc) CPUs, $SANDBOXES sandboxes in the route table"
echo "load average at the end: $(load_average)"
printf '%-14s %10s %9s %9s %9s %7s\n' case 'calls/s' 'p50 ms' 'p99 ms' 'p99.9 ms' errors
for name in direct router-nokey router-key; do
  printf '%-14s %10s %9s %9s %9s %7s\n' "$name" "$(field $name rps)" "$(field $name p50_ms)" \
    "$(field $name p99_ms)" "$(field $name p999_ms)" "$(field $name errors)"
done
echo
for name in router-nokey router-key; do
  echo "$name/direct: throughput $(ratio "$(field $name rps)" "$(field direct rps)")," \
    "p99 added $(awk -v a="$(field $name p99_ms)" -v b="$(field direct p99_ms)" \
      'BEGIN { printf "%+.3f", a - b }') ms"
done
