# Sourced by bench/router-*.sh after router-setup.sh: h2load runs and the figures read from them.
# h2load_max measures throughput (closed loop); h2load_rate sends a fixed rate and takes the
# latency percentiles from h2load's per-request log (--log-file), not from its summary.
#
# Env read here: DURATION (10s), WARMUP (3s, h2load's warm-up before each measured run),
#      THREADS (2), CONNECTIONS (64, closed loop), STREAMS (16, concurrent streams per h2c
#      connection, closed loop), RATE_CONNECTIONS (16, fixed rate).

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
STREAMS=${STREAMS:-16}
RATE_CONNECTIONS=${RATE_CONNECTIONS:-16}

declare -A RPS P50 P99 P999 CPU

# h2load_args PROTO [HEADER]: the options of one protocol (h1: HTTP/1.1, one request at a time per
# connection; h2c: prior knowledge).
h2load_args() {
  local proto=$1 header=${2:-} streams=${3:-$STREAMS}
  ARGS=()
  case $proto in
    h1) ARGS+=(--h1 -m1) ;;
    h2c) ARGS+=(-m"$streams") ;;
    *) echo "protocol: $proto (expected: h1 or h2c)" >&2 && exit 1 ;;
  esac
  [[ -n "$header" ]] && ARGS+=(-H "$header")
  return 0
}

# h2load_check NAME: warns on stderr about failed requests or answers other than 2xx.
h2load_check() {
  awk -v name="$1" '
    /^requests:/ && ($10 + $12 + $14) > 0 { print name ": " $0 }
    /^status codes:/ && ($5 + $7 + $9) > 0 { print name ": " $0 }' "$WORK/$1.txt" >&2
}

# h2load_max NAME URL PROTO [HEADER]: closed-loop throughput, after WARMUP of the same load;
# sets RPS[NAME], and CPU[NAME] (microseconds of CPU time per request) when CPU_PID names a process
# to watch (the router).
h2load_max() {
  local name=$1 url=$2 proto=$3 header=${4:-} t0
  h2load_args "$proto" "$header"
  h2load -t"$THREADS" -c"$CONNECTIONS" "${ARGS[@]}" -D"$WARMUP" "$url" >/dev/null
  t0=$(ticks "${CPU_PID:-0}")
  h2load -t"$THREADS" -c"$CONNECTIONS" "${ARGS[@]}" -D"$DURATION" "$url" >"$WORK/$name.txt"
  h2load_check "$name"
  RPS[$name]=$(awk '/^finished in/ {printf "%.0f", $4}' "$WORK/$name.txt")
  if [[ -n "${CPU_PID:-}" ]]; then
    CPU[$name]=$(awk -v t0="$t0" -v t1="$(ticks "$CPU_PID")" -v hz="$(getconf CLK_TCK)" \
      '/^requests:/ {printf "%.1f", (t1 - t0) * 1e6 / hz / $8}' "$WORK/$name.txt")
  fi
}

# h2load_rate NAME URL PROTO RATE [HEADER]: RATE requests/s in total over RATE_CONNECTIONS
# connections (each sends RATE/RATE_CONNECTIONS a second); sets RPS[NAME] (the rate reached) and
# P50, P99, P999 [NAME] in milliseconds (nearest rank over every request of the measured part).
h2load_rate() {
  local name=$1 url=$2 proto=$3 rate=$4 header=${5:-}
  local per=$(((rate + RATE_CONNECTIONS - 1) / RATE_CONNECTIONS))
  h2load_args "$proto" "$header" 1
  h2load -t"$THREADS" -c"$RATE_CONNECTIONS" "${ARGS[@]}" --rps="$per" -D"$DURATION" \
    --warm-up-time="$WARMUP" --log-file="$WORK/$name.log" "$url" >"$WORK/$name.txt"
  h2load_check "$name"
  RPS[$name]=$(awk '/^finished in/ {printf "%.0f", $4}' "$WORK/$name.txt")
  read -r "P50[$name]" "P99[$name]" "P999[$name]" < <(percentiles "$WORK/$name.log")
}

# percentiles LOG: "p50 p99 p99.9" in milliseconds of the durations (3rd column, microseconds) of
# an h2load log.
percentiles() {
  cut -f3 "$1" | sort -n | awk '
    function at(p,  r) { r = int(p * NR); if (r < p * NR) r++; if (r < 1) r = 1; return v[r] / 1000 }
    { v[NR] = $1 }
    END { printf "%.3f %.3f %.3f\n", at(0.50), at(0.99), at(0.999) }'
}

# ticks PID: the CPU time (user + system, clock ticks) a process has used so far.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# warm_router URL PASSES PROTO [HEADER]...: the router's JIT warm-up, alternating the given keys
# (none: "") PASSES times, each for ROUTER_WARMUP (8s) at full load.
warm_router() {
  local url=$1 passes=$2 proto=$3
  shift 3
  for ((pass = 0; pass < passes; pass++)); do
    for header in "$@"; do
      h2load_args "$proto" "$header"
      h2load -t"$THREADS" -c"$CONNECTIONS" "${ARGS[@]}" -D"${ROUTER_WARMUP:-8s}" "$url" >/dev/null
    done
  done
}
