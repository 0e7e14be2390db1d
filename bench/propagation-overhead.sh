#!/usr/bin/env bash
# Drop detector overhead: the per-request cost of the Prooflane agent extension. One small JDK
# HttpServer service (KeyedService below) handles each request by calling a downstream with the JDK
# HttpClient; it runs with no agent, with the OpenTelemetry agent alone (tracecontext,baggage), and
# with the agent and the extension (propagation: opentelemetry-agent), and with the extension in
# detect mode; wrk loads it with a keyed request (baggage and traceparent). Two paths:
#   /forward  the service forwards the inbound baggage itself: the detector checks, finds the key
#   /drop     the service sends nothing on: the detector walks the stack for the call site and
#             bounds the records to one per call site and trace (wrk repeats one trace)
# The four services run side by side (one JVM each) and are measured in turn, ROUNDS times; prints
# the medians of req/s, p50/p99 and the service's CPU time per request of each, then the ratios
# extension/agent (and agent/none) measured in this run. Loopback only.
#
# Env: DURATION (5s per measured run), WARMUP (3s, the same path just before), ROUNDS (3),
#      CONNECTIONS (16), THREADS (2), SKIP_BUILD (0).
set -euo pipefail
# The scratch directory, its cleanup, need and wait_line (the router's processes are not started).
source "$(dirname "$0")/router-setup.sh"
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
DOWNSTREAM_PORT=18280
CONFIGS=(none agent extension detect)
declare -A PORT=([none]=18281 [agent]=18282 [extension]=18283 [detect]=18284) SERVICE_PID
KEY=sbx-bench

need wrk
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # The extension's jar and the agent copied next to it (a reactor build, nothing installed).
  (cd "$ROOT" && mvn -q -B -pl prooflane-agent-extension verify -DskipTests \
    -Dspotless.check.skip=true) >&2
fi
AGENT=$ROOT/prooflane-agent-extension/target/agent/opentelemetry-javaagent.jar
EXTENSION=$ROOT/prooflane-agent-extension/target/prooflane-agent-extension.jar
for jar in "$AGENT" "$EXTENSION"; do
  [[ -f $jar ]] || { echo "$jar is missing: run without SKIP_BUILD=1" >&2; exit 1; }
done

mkdir -p "$WORK/src"
cat >"$WORK/src/KeyedService.java" <<'JAVA'
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

/** service PORT DOWNSTREAM_PORT, or downstream PORT. */
public class KeyedService {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 512);
    server.setExecutor(Executors.newFixedThreadPool(16));
    if (args[0].equals("downstream")) {
      server.createContext("/", exchange -> { exchange.sendResponseHeaders(204, -1); exchange.close(); });
    } else {
      HttpClient client = HttpClient.newHttpClient();
      URI downstream = URI.create("http://127.0.0.1:" + args[2] + "/prices");
      server.createContext("/", exchange -> handle(exchange, client, downstream));
    }
    server.start();
    System.out.println("READY");
  }

  static void handle(HttpExchange exchange, HttpClient client, URI downstream) {
    int status = 200;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(downstream);
      String baggage = exchange.getRequestHeaders().getFirst("baggage");
      if (exchange.getRequestURI().getPath().equals("/forward") && baggage != null) {
        request.header("baggage", baggage);
      }
      client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      status = 500;
    }
    try {
      exchange.sendResponseHeaders(status, -1);
    } catch (Exception ignored) {
      // The client went away.
    }
    exchange.close();
  }
}
JAVA
javac -d "$WORK/classes" "$WORK/src/KeyedService.java"

java -Xms128m -Xmx128m -cp "$WORK/classes" KeyedService downstream "$DOWNSTREAM_PORT" \
  >"$WORK/downstream.log" 2>&1 &
PIDS+=($!)
wait_line "$WORK/downstream.log" READY

# start_service CONFIG: the service under one configuration, on its own port.
start_service() {
  local flags=(-Xms256m -Xmx256m) env=(OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none
    OTEL_LOGS_EXPORTER=none OTEL_SERVICE_NAME=shopfront)
  case $1 in
    none) ;;
    agent) flags+=("-javaagent:$AGENT"); env+=(OTEL_PROPAGATORS=tracecontext,baggage) ;;
    extension | detect)
      local mode=opentelemetry-agent propagators=tracecontext,baggage
      [[ $1 == detect ]] && mode=detect propagators=prooflane-detect
      flags+=("-javaagent:$AGENT" "-Dotel.javaagent.extensions=$EXTENSION"
        "-Dprooflane.drops.file=$WORK/drops/$1.jsonl" -Dprooflane.service=shopfront
        -Dprooflane.destination=baseline -Dprooflane.key.baggage=prooflane-key
        -Dprooflane.key.tracestate=prooflane-key -Dprooflane.key.header=x-prooflane-key
        "-Dprooflane.propagation=$mode")
      env+=("OTEL_PROPAGATORS=$propagators") ;;
  esac
  env -u JAVA_TOOL_OPTIONS "${env[@]}" java "${flags[@]}" -cp "$WORK/classes" KeyedService service \
    "${PORT[$1]}" "$DOWNSTREAM_PORT" >"$WORK/service-$1.log" 2>&1 &
  SERVICE_PID[$1]=$!
  PIDS+=($!)
  wait_line "$WORK/service-$1.log" READY
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run CONFIG PATH: warm-up, then the measured wrk run; appends one figures line to $WORK/results.
run() {
  local config=$1 path=$2 out=$WORK/wrk-$1-${2#/}.txt
  local headers=(-H "baggage: prooflane-key=$KEY"
    -H "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${headers[@]}" \
    "http://127.0.0.1:${PORT[$config]}$path" >/dev/null
  local before after
  before=$(cpu_ticks "${SERVICE_PID[$config]}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" \
    "http://127.0.0.1:${PORT[$config]}$path" >"$out"
  after=$(cpu_ticks "${SERVICE_PID[$config]}")
  local requests rps p50 p99 errors
  requests=$(awk '/requests in/ {print $1}' "$out")
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx/ {print $NF}' "$out")
  # clock ticks are 1/100 s: CPU microseconds per request
  local cpu_us=$(((after - before) * 10000 / requests))
  echo "$config $path $rps $p50 $p99 $cpu_us ${errors:-0}" >>"$WORK/results"
}

echo "$(nproc) CPUs; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for config in "${CONFIGS[@]}"; do
  start_service "$config"
done
for round in $(seq 1 "$ROUNDS"); do
  for config in "${CONFIGS[@]}"; do
    for path in /forward /drop; do
      run "$config" "$path"
    done
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION} per run after ${WARMUP} of warm-up, medians of" \
  "$ROUNDS rounds; each request makes one JDK HttpClient call downstream"
# median CONFIG PATH FIELD (3 req/s, 4 p50, 5 p99, 6 CPU us/req, 7 non-2xx; latencies in ms)
median() {
  awk -v c="$1" -v p="$2" -v f="$3" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v + 0 }
    $1 == c && $2 == p { print ms($f) }' "$WORK/results" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
          else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
printf '%-10s %-9s %10s %10s %10s %11s %8s\n' config path 'req/s' 'p50 ms' 'p99 ms' 'CPU us/req' \
  non-2xx
for config in "${CONFIGS[@]}"; do
  for path in /forward /drop; do
    printf '%-10s %-9s %10s %10s %10s %11s %8s\n' "$config" "$path" "$(median "$config" "$path" 3)" \
      "$(median "$config" "$path" 4)" "$(median "$config" "$path" 5)" \
      "$(median "$config" "$path" 6)" "$(median "$config" "$path" 7)"
  done
done
echo
# ratio A B PATH FIELD: A's median over B's
ratio() {
  awk -v x="$(median "$1" "$3" "$4")" -v y="$(median "$2" "$3" "$4")" \
    'BEGIN { if (y > 0) printf "%.3f", x / y; else printf "n/a" }'
}
for path in /forward /drop; do
  echo "$path: CPU per request extension/agent $(ratio extension agent "$path" 6)," \
    "agent/none $(ratio agent none "$path" 6); req/s extension/agent" \
    "$(ratio extension agent "$path" 3), agent/none $(ratio agent none "$path" 3)"
done
for config in extension detect; do
  if [[ -f $WORK/drops/$config.jsonl ]]; then
    echo "drop records written ($config): $(wc -l <"$WORK/drops/$config.jsonl")"
  fi
done
