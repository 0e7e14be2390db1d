#!/usr/bin/env bash
# Memory per open connection: OPEN idle connections, each with one request answered (HTTP/1.1
# keep-alive, then h2c with prior knowledge; IdleConnectionsMain), held open against the Prooflane
# router and then against haproxy (same routing, same upstreams), one after the other. For each
# process, the growth of its resident memory (VmRSS) divided by OPEN; for the router's JVM also
# its live heap after a full GC and the native memory it committed outside the heap (NMT).
# Loopback only; OPEN is bounded by the open-files limit (each side holds OPEN descriptors, haproxy
# about twice its maxconn).
#
# Env: OPEN (8000), WARMUP (3s of h2load, 16 connections, per process and protocol, before anything
#      is measured),
#      SANDBOXES (1000), SKIP_BUILD (0).
set -euo pipefail
ulimit -n "$(ulimit -Hn)"
OPEN=${OPEN:-8000}
if ((2 * OPEN + 1000 > $(ulimit -n))); then
  echo "OPEN: $OPEN (expected: at most $((($(ulimit -n) - 1000) / 2)) under 'ulimit -n' $(ulimit -n))" >&2
  exit 1
fi
HAPROXY_MAXCONN=$((OPEN + 100))
ROUTER_JVM_OPTS="-Xms512m -Xmx512m -XX:NativeMemoryTracking=summary"
source "$(dirname "$0")/router-setup.sh"
WARMUP=${WARMUP:-3s}

need h2load haproxy nginx
build
start_upstreams
start_router
start_haproxy
declare -A PID=([router]=$ROUTER_PID [haproxy]=$HAPROXY_PID)
declare -A PORT=([router - h1]=$ROUTER_PORT [router - h2c]=$ROUTER_PORT
  [haproxy - h1]=$HAPROXY_PORT [haproxy - h2c]=$HAPROXY_H2_PORT)

# A light warm-up (16 connections, one request at a time on each), not to fill haproxy's memory
# pools (or the router's heap) with more than a few connections' worth before the measurement.
for target in router haproxy; do
  h2load --h1 -c16 -m1 -D"$WARMUP" "http://127.0.0.1:${PORT[$target - h1]}/" >/dev/null
  h2load -c16 -m1 -D"$WARMUP" "http://127.0.0.1:${PORT[$target - h2c]}/" >/dev/null
done

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }
# The router's live heap after a full GC, and the memory NMT says it committed outside the heap.
heap_kb() {
  jcmd "$ROUTER_PID" GC.run >/dev/null
  jcmd "$ROUTER_PID" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
}
off_heap_kb() {
  jcmd "$ROUTER_PID" VM.native_memory summary | awk '
    /^Total:/ { sub(/.*committed=/, ""); total = $0 + 0 }
    /Java Heap \(reserved/ { sub(/.*committed=/, ""); heap = $0 + 0 }
    END { print total - heap }'
}
# per BEFORE AFTER: bytes per connection of a growth in KB.
per() { awk -v a="$1" -v b="$2" -v n="$OPEN" 'BEGIN { printf "%.0f", (b - a) * 1024 / n }'; }

declare -A RSS HEAP OFF
for proto in h1 h2c; do
  for target in router haproxy; do
    pid=${PID[$target]}
    idle_fds=$(fds "$pid")
    rss0=$(rss_kb "$pid")
    [[ $target == router ]] && heap0=$(heap_kb) && off0=$(off_heap_kb)
    log="$WORK/idle-$target-$proto.log"
    java -Xmx256m -cp "$CP" dev.prooflane.bench.connections.IdleConnectionsMain \
      "${PORT[$target - $proto]}" "$OPEN" "$proto" >"$log" 2>&1 &
    client=$!
    PIDS+=("$client")
    while ! grep -qs OPEN "$log"; do
      kill -0 "$client" 2>/dev/null || { cat "$log" >&2; exit 1; }
      sleep 0.2
    done
    RSS[$target - $proto]=$(per "$rss0" "$(rss_kb "$pid")")
    if [[ $target == router ]]; then
      HEAP[$proto]=$(per "$heap0" "$(heap_kb)")
      OFF[$proto]=$(per "$off0" "$(off_heap_kb)")
    fi
    kill "$client"
    wait "$client" 2>/dev/null || true
    # The connections are gone once the process holds no more descriptors than before.
    for _ in $(seq 1 300); do (($(fds "$pid") <= idle_fds + 16)) && break; sleep 0.1; done
  done
done

echo
echo "$OPEN idle connections per case (one request answered on each), on $(nproc) CPUs," \
  "$SANDBOXES sandboxes in both route tables; bytes per connection"
echo "load average at the end: $(load_average)"
printf '%-6s %14s %14s %18s %14s %16s\n' proto 'router RSS' 'router heap' 'router off-heap' \
  'haproxy RSS' 'router/haproxy'
for proto in h1 h2c; do
  printf '%-6s %14s %14s %18s %14s %16s\n' "$proto" "${RSS[router - $proto]}" "${HEAP[$proto]}" \
    "${OFF[$proto]}" "${RSS[haproxy - $proto]}" \
    "$(ratio "${RSS[router - $proto]}" "${RSS[haproxy - $proto]}")"
done
echo "(RSS: growth of VmRSS; heap: live heap after a full GC; off-heap: NMT committed outside the heap)"
