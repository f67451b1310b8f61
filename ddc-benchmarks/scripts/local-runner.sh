#!/usr/bin/env bash
# Local runner against xargs: EXECUTIONS runs of `true`, PARALLELISM at once, by the engine with
# LocalRunner, by `seq N | xargs -P8 -I{} true`, and by a bare ProcessBuilder loop (the JDK's floor),
# in the same JMH run (same warm JVM), then prints the medians and the ratios.
# Target: engine ≤ 1.3 × xargs at 1,000 executions, P = 8.
#
# usage: ddc-benchmarks/scripts/local-runner.sh [EXECUTIONS [PARALLELISM [JMH options...]]]
#   e.g. ddc-benchmarks/scripts/local-runner.sh 1000 8
#        ddc-benchmarks/scripts/local-runner.sh 1000 8 -jvmArgsAppend -Djdk.lang.Process.launchMechanism=VFORK
#        ddc-benchmarks/scripts/local-runner.sh 20 2 -wi 0 -i 1     (a smoke run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${BENCHMARKS_JAR:-$here/../target/benchmarks.jar}"
executions="${1:-1000}"
parallelism="${2:-8}"
shift $(( $# > 2 ? 2 : $# ))
command -v xargs >/dev/null || { echo "local-runner.sh needs xargs" >&2; exit 2; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
java -cp "$jar" io.ddc.benchmarks.Medians LocalRunnerBenchmark \
  -p executions="$executions" -p parallelism="$parallelism" "$@" | tee "$out"
ratio_of() {
  sed -n "s/.*LocalRunnerBenchmark\.$1 .* \([0-9.]*\) × the time of baselineXargs.*/\1/p" "$out" | head -n 1
}
engine="$(ratio_of engine)"
jdk="$(ratio_of jdkLoop)"
if [ -z "$engine" ] || [ -z "$jdk" ]; then
  echo "local-runner.sh: no ratio in the output" >&2
  exit 1
fi
echo "local runner: engine / xargs -P$parallelism = $engine (target ≤ 1.3 at 1,000 executions, P = 8);" \
  "bare ProcessBuilder loop / xargs = $jdk"
