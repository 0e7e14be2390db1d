#!/usr/bin/env bash
# Router benchmark: direct upstream vs. the Prooflane router (no key, and keyed with 1,000
# sandboxes in the table) vs. haproxy doing the same header routing. Loopback only.
#
# Env: DURATION (10s), CONNECTIONS (64), THREADS (2), WARMUP (3s, before each case),
#      ROUTER_WARMUP (8s per path and pass, two passes, JIT), SANDBOXES (1000),
#      SKIP_BUILD (0), KEY (key-$((SANDBOXES / 2)), the middle of the table).
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3s}
ROUTER_WARMUP=${ROUTER_WARMUP:-8s}
SANDBOXES=${SANDBOXES:-1000}
KEY=${KEY:-key-$((SANDBOXES / 2))}
BASE_PORT=18081
FORK_PORT=18082
ROUTER_PORT=18080
HAPROXY_PORT=18090

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/prooflane-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need() {
  local missing=()
  for tool in wrk haproxy nginx; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk haproxy nginx-light >/dev/null \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk haproxy nginx >/dev/null
  fi
}

build() {
  CP=$("$ROOT/bench/classpath.sh")
}

wait_port() {
  for _ in $(seq 1 100); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

start_upstreams() {
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
error_log $WORK/nginx/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  client_body_temp_path $WORK/nginx;
  proxy_temp_path $WORK/nginx;
  fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx;
  scgi_temp_path $WORK/nginx;
  server { listen 127.0.0.1:$BASE_PORT; location / { return 200 "baseline\n"; } }
  server { listen 127.0.0.1:$FORK_PORT; location / { return 200 "fork\n"; } }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
  PIDS+=($!)
  wait_port $BASE_PORT
  wait_port $FORK_PORT
}

start_router() {
  java -Xms512m -Xmx512m -cp "$CP" dev.prooflane.bench.router.RouterBenchMain \
    $ROUTER_PORT $BASE_PORT $FORK_PORT "$SANDBOXES" >"$WORK/router.log" 2>&1 &
  PIDS+=($!)
  ROUTER_PID=$!
  for _ in $(seq 1 300); do
    grep -q READY "$WORK/router.log" 2>/dev/null && break
    sleep 0.1
  done
  grep READY "$WORK/router.log" >&2 || { cat "$WORK/router.log" >&2; exit 1; }
}

start_haproxy() {
  : >"$WORK/keys.lst"
  for ((i = 0; i < SANDBOXES; i++)); do echo "key-$i" >>"$WORK/keys.lst"; done
  cat >"$WORK/haproxy.cfg" <<CONF
global
  nbthread $(nproc)
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
  http-reuse always
frontend bench
  bind 127.0.0.1:$HAPROXY_PORT
  acl forked req.hdr(x-prooflane-key) -m str -f $WORK/keys.lst
  use_backend fork if forked
  default_backend baseline
backend baseline
  server b1 127.0.0.1:$BASE_PORT
backend fork
  server f1 127.0.0.1:$FORK_PORT
CONF
  haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
  PIDS+=($!)
  wait_port $HAPROXY_PORT
}

# run NAME URL EXPECTED_BODY [HEADER]
declare -A RPS P50 P99 CPU
# CPU seconds (user + system, in clock ticks) the router process has used so far.
router_ticks() { awk '{print $14 + $15}' "/proc/$ROUTER_PID/stat" 2>/dev/null || echo 0; }
run() {
  local name=$1 url=$2 expect=$3 header=${4:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  [[ -n "$header" ]] && args+=(-H "$header")
  local body
  body=$(curl -s ${header:+-H "$header"} "$url")
  if [[ "$body" != "$expect" ]]; then
    echo "$name: expected body '$expect' but got '$body'" >&2
    exit 1
  fi
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  local ticks0
  ticks0=$(router_ticks)
  wrk "${args[@]}" -d"$DURATION" "$url" >"$WORK/$name.txt"
  # Router CPU per request: steadier than req/s when other processes share the cores.
  if [[ "$name" == router-* ]]; then
    CPU[$name]=$(awk -v t0="$ticks0" -v t1="$(router_ticks)" -v hz="$(getconf CLK_TCK)" \
      '/requests in/ {printf "%.1f", (t1 - t0) * 1e6 / hz / $1}' "$WORK/$name.txt")
  fi
  RPS[$name]=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  P50[$name]=$(awk '$1 == "50%" {print $2}' "$WORK/$name.txt")
  P99[$name]=$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")
  if grep -q "Non-2xx\|Socket errors" "$WORK/$name.txt"; then
    grep "Non-2xx\|Socket errors" "$WORK/$name.txt" | sed "s/^/$name: /" >&2
  fi
}

need
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

run direct "http://127.0.0.1:$BASE_PORT/" baseline
run router-nokey "http://127.0.0.1:$ROUTER_PORT/" baseline
run router-key "http://127.0.0.1:$ROUTER_PORT/" fork "x-prooflane-key: $KEY"
run haproxy-key "http://127.0.0.1:$HAPROXY_PORT/" fork "x-prooflane-key: $KEY"
run haproxy-nokey "http://127.0.0.1:$HAPROXY_PORT/" baseline

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) CPUs, $SANDBOXES sandboxes in both route tables"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (this benchmark alone keeps it near 4-6)"
printf '%-14s %12s %10s %10s %16s\n' case req/s p50 p99 'router us/req'
for name in direct router-nokey router-key haproxy-nokey haproxy-key; do
  printf '%-14s %12s %10s %10s %16s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" \
    "${CPU[$name]:--}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "router/haproxy (keyed):   $(ratio "${RPS[router-key]}" "${RPS[haproxy-key]}")"
echo "router/haproxy (no key):  $(ratio "${RPS[router-nokey]}" "${RPS[haproxy-nokey]}")"
echo "router/direct (no key):   $(ratio "${RPS[router-nokey]}" "${RPS[direct]}")"
