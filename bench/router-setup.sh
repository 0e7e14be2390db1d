# Sourced by bench/router*.sh: the scratch directory and its cleanup, the tools, the build, and the
# three processes every router benchmark measures: nginx as the upstreams (baseline and fork over
# HTTP/1.1, the baseline again over h2c), the Prooflane router (RouterBenchMain) and haproxy doing
# the same header routing (HTTP/1.1 and h2c binds). Loopback only.
#
# Env read here: SANDBOXES (1000, the keys of haproxy's table), SKIP_BUILD (0),
#      ROUTER_JVM_OPTS (-Xms512m -Xmx512m), HAPROXY_MAXCONN (4096).

BASE_PORT=18081
FORK_PORT=18082
BASE_H2_PORT=18083
ROUTER_PORT=18080
HAPROXY_PORT=18090
HAPROXY_H2_PORT=18091
SANDBOXES=${SANDBOXES:-1000}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/prooflane-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# need TOOL... : installs the Debian packages of the missing ones (wrk, haproxy, nginx, h2load).
need() {
  local missing=() packages=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    missing+=("$tool")
    case $tool in
      h2load) packages+=(nghttp2-client) ;;
      nginx) packages+=(nginx-light) ;;
      *) packages+=("$tool") ;;
    esac
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]/nginx-light/nginx}" \
        >/dev/null
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

# wait_line FILE TEXT: waits up to 30 s for a process's log to say TEXT.
wait_line() {
  for _ in $(seq 1 300); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$1" >&2
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
  server { listen 127.0.0.1:$BASE_H2_PORT http2; location / { return 200 "baseline\n"; } }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
  PIDS+=($!)
  wait_port $BASE_PORT
  wait_port $FORK_PORT
  wait_port $BASE_H2_PORT
}

# start_router [PORT] [SANDBOXES] [PROTOCOL] [BASELINE_PORT] [FORK_PORT]: one router JVM; sets
# ROUTER_PID. PROTOCOL is what the upstreams speak (http1, h2c or grpc).
start_router() {
  local port=${1:-$ROUTER_PORT} sandboxes=${2:-$SANDBOXES} protocol=${3:-http1}
  local base=${4:-$BASE_PORT} fork=${5:-$FORK_PORT} log="$WORK/router-${1:-$ROUTER_PORT}.log"
  # shellcheck disable=SC2086 # options are words
  java ${ROUTER_JVM_OPTS:--Xms512m -Xmx512m} -cp "$CP" dev.prooflane.bench.router.RouterBenchMain \
    "$port" "$base" "$fork" "$sandboxes" "$protocol" >"$log" 2>&1 &
  PIDS+=($!)
  ROUTER_PID=$!
  wait_line "$log" READY || exit 1
  grep READY "$log" >&2
}

# haproxy: the router's routing (the key header, looked up in a list of SANDBOXES keys) on
# HAPROXY_PORT (HTTP/1.1) and HAPROXY_H2_PORT (h2c with prior knowledge, `proto h2`), both to the
# HTTP/1.1 upstreams, as the router. Sets HAPROXY_PID.
start_haproxy() {
  : >"$WORK/keys.lst"
  for ((i = 0; i < SANDBOXES; i++)); do echo "key-$i" >>"$WORK/keys.lst"; done
  cat >"$WORK/haproxy.cfg" <<CONF
global
  nbthread $(nproc)
  maxconn ${HAPROXY_MAXCONN:-4096}
defaults
  mode http
  maxconn ${HAPROXY_MAXCONN:-4096}
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
  http-reuse always
frontend bench
  bind 127.0.0.1:$HAPROXY_PORT
  bind 127.0.0.1:$HAPROXY_H2_PORT proto h2
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
  HAPROXY_PID=$!
  wait_port $HAPROXY_PORT
  wait_port $HAPROXY_H2_PORT
}

# expect_body NAME URL BODY [HEADER] [CURL_OPTION]: stops the benchmark when URL does not answer
# BODY (a misrouted request is no figure).
expect_body() {
  local name=$1 url=$2 expect=$3 header=${4:-} option=${5:---http1.1}
  local body
  body=$(curl -s "$option" ${header:+-H "$header"} "$url")
  if [[ "$body" != "$expect" ]]; then
    echo "$name: expected body '$expect' but got '$body'" >&2
    exit 1
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# median VALUE...: the middle one (the lower middle for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
