#!/usr/bin/env bash
# Kafka benchmark: a daemon runs as `prooflane up` runs it (its own JVM from the CLI's jar) with a
# kafka: section, so it starts the real broker (KRaft, in its own JVM), and one tiny service,
# notifier, whose instances the measured consumers (in the benchmark's JVM) say they are.
# 1. Consumer throughput: RECORDS records of 100 bytes (every third keyed for a sandbox forking
#    notifier, the rest unkeyed) in a topic of 3 partitions, each read whole from the beginning in
#    its own group by a plain KafkaConsumer (the peer) and by consumers with Prooflane's
#    RoutingConsumerInterceptor (the baseline instance and the fork's; routes from the daemon's
#    long poll, consumptions reported to it), ROUNDS rounds after WARMUP, order rotating; prints
#    records/s (p50, min, max), the share of consumptions the daemon recorded, and the ratios.
# 2. Route change -> effect: CHANGES sandboxes forking notifier created and deleted one after
#    another (CHANGE_WARMUP first, unmeasured) while a keyed record and an unkeyed marker are
#    published every ms; prints p50/p90/max from each call's start and answer to the baseline
#    consumer's first poll that skipped the key (create) or delivered it again (delete).
# Loopback only; about 2-3 minutes after the build.
#
# Env: RECORDS (500000), ROUNDS (7), WARMUP (1), CHANGES (30), CHANGE_WARMUP (2), SKIP_BUILD (0).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# one reactor build of the benchmarks and the CLI (its jar, its start-up archive and the broker's
# jars in target/kafka): nothing is installed into ~/.m2
CP=$(ALSO=prooflane-cli "$ROOT/bench/classpath.sh")
if [[ ! -f "$ROOT/prooflane-cli/target/kafka/broker/kafka_2.13-4.4.0.jar" ]]; then
  echo "prooflane-cli/target/kafka/broker is missing: run without SKIP_BUILD=1 once" >&2
  exit 1
fi
WORK=$(mktemp -d /tmp/prooflane-kafka-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
load() { echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "$(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
load "at the start"
java -Xms256m -Xmx512m -cp "$CP" dev.prooflane.bench.kafka.KafkaBenchMain \
  "$ROOT/bench/target/classes" "$WORK" "$ROOT/prooflane-cli/target/prooflane-cli.jar" \
  "$ROOT/prooflane-cli/target/prooflane-daemon.jsa"
load "at the end"
