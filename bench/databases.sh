#!/usr/bin/env bash
# Database branch benchmark (docs/databases.md): the time to make a sandbox's branch of a ~100 MB
# PostgreSQL database with Prooflane's branch engine (Branches.create: `copy`, `schema`, `empty`,
# each measured from the call to its answer, then dropped) against the same database copied by
# `pg_dump SRC | psql DST` (the full peer of `copy`) and `pg_dump --schema-only SRC | psql DST`
# (the peer of `schema`), each peer timed from CREATE DATABASE of its empty target to the end of
# psql (the target dropped after), all against one server in one run. ROUNDS rounds after WARMUP
# unmeasured ones, the order of the five cases rotating, a CHECKPOINT (untimed) before each case;
# prints p50/min/max per case, the ratios copy / full peer and schema / schema-only peer
# (medians), the source's size and the load average.
#
# The server: zonky's PostgreSQL 17 binaries (Prooflane's own server) ship no pg_dump or psql, and
# Debian's pg_dump 15 refuses a 17 server, so this starts Debian's PostgreSQL 15 (its initdb,
# pg_ctl, pg_dump and psql from /usr/lib/postgresql/15/bin) in a temporary data folder, listening
# on a free port of 127.0.0.1 only (no Unix socket), password (scram-sha-256) authentication, and
# with fsync and synchronous_commit off as zonky runs Prooflane's server (FSYNC=on for the
# defaults). The branch engine uses it as an existing server (an AdminLogin). As root, initdb and
# pg_ctl run as the `postgres` user (runuser), since PostgreSQL refuses to run as root. The server
# is stopped and its folder removed at the end, however the run ends.
#
# Env: ROUNDS (5), WARMUP (1), ORDERS (500000 rows: ~100 MB with the other tables and the indexes),
#      FSYNC (off), PG_BIN (/usr/lib/postgresql/15/bin), SKIP_BUILD (0).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
FSYNC=${FSYNC:-off}

for tool in initdb pg_ctl postgres pg_dump psql; do
  if [[ ! -x "$PG_BIN/$tool" ]]; then
    echo "$PG_BIN/$tool is missing: apt-get install postgresql-15 (or set PG_BIN to the bin" \
      "folder of a PostgreSQL 15 or later with its pg_dump and psql)" >&2
    exit 1
  fi
done
# PostgreSQL refuses to run as root: as root, the server's commands run as `postgres`.
AS=()
if [[ $(id -u) == 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "running as root without a postgres user: apt-get install postgresql-15 creates it" >&2
    exit 1
  fi
  AS=(runuser -u postgres --)
fi

CP=$("$ROOT/bench/classpath.sh")

WORK=$(mktemp -d /tmp/prooflane-databases-bench.XXXXXX)
SERVER="$WORK/server" # the server's user owns it: its data, log and password file
DATA="$SERVER/data"
cleanup() {
  if [[ -f "$DATA/postmaster.pid" ]]; then
    "${AS[@]}" "$PG_BIN/pg_ctl" stop -D "$DATA" -m immediate -w >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
chmod 755 "$WORK"
mkdir -m 700 "$SERVER"
PGPASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
export PGPASSWORD
printf '%s\n' "$PGPASSWORD" >"$SERVER/password"
if ((${#AS[@]})); then
  chown -R postgres: "$SERVER"
fi

# a free port on 127.0.0.1: one that nothing answers on
PORT=
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    PORT=$candidate
    break
  fi
done
[[ -n "$PORT" ]] || { echo "no free port found on 127.0.0.1" >&2; exit 1; }

"${AS[@]}" "$PG_BIN/initdb" -D "$DATA" -U postgres --pwfile="$SERVER/password" \
  --auth-local=reject --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
  >"$SERVER/initdb.log" 2>&1 || { cat "$SERVER/initdb.log" >&2; exit 1; }
# host lines for 127.0.0.1 only: initdb also writes ::1 and local replication lines
cat >"$DATA/pg_hba.conf" <<HBA
host all all 127.0.0.1/32 scram-sha-256
HBA
"${AS[@]}" "$PG_BIN/pg_ctl" start -D "$DATA" -w -t 60 -l "$SERVER/server.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='' \
      -c fsync=$FSYNC -c synchronous_commit=$FSYNC -c max_connections=50" \
  >/dev/null || { cat "$SERVER/server.log" >&2; exit 1; }

load() { echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "$(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC'); $("$PG_BIN/postgres" --version)" \
  "on 127.0.0.1:$PORT, fsync=$FSYNC"
load "at the start"
java -Xms128m -Xmx256m -cp "$CP" dev.prooflane.bench.databases.DatabasesBenchMain \
  "$PG_BIN" 127.0.0.1 "$PORT"
load "at the end"
