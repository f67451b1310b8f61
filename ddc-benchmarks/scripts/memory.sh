#!/usr/bin/env bash
# Memory: one iteration over TARGETS targets whose probe prints BYTES bytes in all, storage on,
# in a JVM with -Xmx64m; prints the peak heap in use after a collection (from the JVM's own
# notifications, and from its GC log), the number of collections, and the peak resident set size.
# Target: 10,000 targets and 1 GiB complete with -Xmx64m.
#
# usage: ddc-benchmarks/scripts/memory.sh [TARGETS [BYTES [PARALLELISM]]]
#   e.g. ddc-benchmarks/scripts/memory.sh                  (10000 targets, 1 GiB, parallelism 16)
#        ddc-benchmarks/scripts/memory.sh 100 10000000 4   (a smoke run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${BENCHMARKS_JAR:-$here/../target/benchmarks.jar}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
java -Xmx64m "-Xlog:gc:file=$log" -cp "$jar" io.ddc.benchmarks.MemoryRun "$@"
# G1 and Serial log lines such as "Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(64M) 1.2ms"
peak="$(grep -o '[0-9]*M->[0-9]*M' "$log" | sed 's/.*->\([0-9]*\)M/\1/' | sort -n | tail -n 1)"
echo "GC log: $(grep -c 'Pause' "$log") pauses, largest heap after a pause ${peak:-?} MiB (JVM: $(head -n 1 "$log" | sed 's/.*Using //'))"
