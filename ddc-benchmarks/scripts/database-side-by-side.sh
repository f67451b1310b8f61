#!/usr/bin/env bash
# Side by side: `ddc export` of a folder the size of the paper's experiment (169 targets x 2,867
# iterations = 484,523 executions, one stored record each, written by io.ddc.benchmarks.PaperFolder)
# against the fastest load each database offers for the same rows: `sqlite3 .import` of a CSV, and
# PostgreSQL's COPY (psql \copy). Whole processes, wall-clock, the median of RUNS runs each, into
# the same schema (made by ddc beforehand, not timed). Target: export <= 2 x each.
# PostgreSQL runs in a cluster of this script's own (initdb in a temporary folder, loopback port,
# as the postgres user when run as root); it is left out where PostgreSQL is not installed.
#
# usage: ddc-benchmarks/scripts/database-side-by-side.sh [TARGETS [ITERATIONS [RUNS]]]
#   e.g. ddc-benchmarks/scripts/database-side-by-side.sh             (169 2867 3: the paper's size)
#        ddc-benchmarks/scripts/database-side-by-side.sh 10 20 1     (a smoke run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="${BENCHMARKS_JAR:-$here/../target/benchmarks.jar}"
ddc="${DDC_JAR:-$here/../../ddc-examples/target/ddc.jar}"
targets="${1:-169}"
iterations="${2:-2867}"
runs="${3:-3}"
work="$(mktemp -d)"
# the postgres user must reach its cluster folder inside it
chmod 755 "$work"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
cleanup() {
  if [ -n "$pg_bin" ] && [ -f "$work/pg/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -w -m fast stop >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

millis() { # prints the wall-clock milliseconds of a command, whose output is discarded
  local start end
  start="$(date +%s%N)"
  "$@" >/dev/null
  end="$(date +%s%N)"
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

java -cp "$bench" io.ddc.benchmarks.PaperFolder "$work/paper" "$targets" "$iterations"
mkdir "$work/empty"

# SQLite: export into a new file, against .import of the same rows into the same schema
times=()
for _ in $(seq "$runs"); do
  rm -f "$work/export.sqlite"
  times+=("$(millis java -jar "$ddc" export "$work/paper" --db "jdbc:sqlite:$work/export.sqlite")")
done
sqlite_export="$(printf '%s\n' "${times[@]}" | median)"
sqlite3 -csv "$work/export.sqlite" 'SELECT * FROM executions' > "$work/executions.csv"
sqlite3 -csv "$work/export.sqlite" 'SELECT * FROM iterations' > "$work/iterations.csv"
rows="$(wc -l < "$work/executions.csv")"
times=()
for _ in $(seq "$runs"); do
  rm -f "$work/import.sqlite"
  java -jar "$ddc" export "$work/empty" --db "jdbc:sqlite:$work/import.sqlite" >/dev/null
  times+=("$(millis sqlite3 "$work/import.sqlite" -cmd '.mode csv' '.import '"$work"'/executions.csv executions' \
    '.import '"$work"'/iterations.csv iterations')")
done
sqlite_import="$(printf '%s\n' "${times[@]}" | median)"
loaded="$(sqlite3 "$work/import.sqlite" 'SELECT COUNT(*) FROM executions')"
[ "$loaded" -eq "$rows" ] || { echo ".import loaded $loaded rows, export $rows" >&2; exit 1; }
echo "sqlite: $rows executions; export ${sqlite_export} ms, sqlite3 .import ${sqlite_import} ms:" \
  "$(ratio "$sqlite_export" "$sqlite_import") x (median of $runs)"

if [ -z "$pg_bin" ]; then
  echo "postgresql: not installed (apt-get install postgresql), left out"
  exit 0
fi
mkdir "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
port=$((20000 + RANDOM % 20000))
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U ddc --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg" start >/dev/null
export PGTZ=UTC
times=()
for run in $(seq "$runs"); do
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U ddc "export$run"
  times+=("$(millis java -jar "$ddc" export "$work/paper" \
    --db "jdbc:postgresql://127.0.0.1:$port/export$run?user=ddc")")
done
pg_export="$(printf '%s\n' "${times[@]}" | median)"
times=()
for run in $(seq "$runs"); do
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U ddc "copy$run"
  java -jar "$ddc" export "$work/empty" --db "jdbc:postgresql://127.0.0.1:$port/copy$run?user=ddc" >/dev/null
  times+=("$(millis "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U ddc -d "copy$run" \
    -c "\\copy executions FROM '$work/executions.csv' CSV" -c "\\copy iterations FROM '$work/iterations.csv' CSV")")
done
pg_copy="$(printf '%s\n' "${times[@]}" | median)"
loaded="$("$pg_bin/psql" -qtA -h 127.0.0.1 -p "$port" -U ddc -d "copy$runs" -c 'SELECT COUNT(*) FROM executions')"
[ "$loaded" -eq "$rows" ] || { echo "COPY loaded $loaded rows, export $rows" >&2; exit 1; }
echo "postgresql: $rows executions; export ${pg_export} ms, psql \\copy ${pg_copy} ms:" \
  "$(ratio "$pg_export" "$pg_copy") x (median of $runs)"
