#!/usr/bin/env bash
# The SSH runner beside parallel-ssh (Debian's pssh), whole processes including the JVM's start:
# TARGETS loopback sshd targets (127.0.0.2, 127.0.0.3, ..., served by sshd processes this script
# starts and stops, 16 addresses each), one iteration of `uname -a`, RUNS runs of each alternated
# (ddc, pssh, ddc, pssh, ...), then the medians. Both sides use the same key exchange, forced by the
# servers' KexAlgorithms, the same Ed25519 user key, a strict known_hosts, 50 connections at once,
# and store every target's output in files; ddc skips its availability check (--check always), as
# parallel-ssh has none. Then RUNS runs of `ddc exec --iterations 2`: the second
# iteration reuses the first one's sessions, and its time (from ddc's own iteration line, 0.1 s
# resolution) is compared with a fresh parallel-ssh run.
# Targets: ddc ≤ 1.0 × parallel-ssh; a second iteration with sessions kept ≤ 0.3 × a fresh parallel-ssh run.
# With --ansible, each round also times `ansible all -m command -a 'uname -a' -f 50` over the same
# targets (Debian's ansible-core; its default ssh connection with ControlPersist, a fresh control
# folder per run so that no run reuses the previous one's connections, the same key, known_hosts and
# key exchange, the interpreter named so that no discovery runs).
#
# usage: ddc-benchmarks/scripts/ssh-side-by-side.sh [--ansible] [TARGETS [RUNS [KEX]]]
#   e.g. ddc-benchmarks/scripts/ssh-side-by-side.sh 50 5 sntrup761x25519-sha512@openssh.com
#        ddc-benchmarks/scripts/ssh-side-by-side.sh 50 5 curve25519-sha256
#        ddc-benchmarks/scripts/ssh-side-by-side.sh --ansible 50 5 sntrup761x25519-sha512@openssh.com
#        ddc-benchmarks/scripts/ssh-side-by-side.sh 4 1     (a smoke run)
# ddc runs as README's "Linux and Unix machines over SSH" advises for one-shot runs:
# `java -XX:TieredStopAtLevel=1 -jar ddc.jar ...`. DDC_JAVA_OPTIONS="..." replaces those JVM options
# (DDC_JAVA_OPTIONS= for none; or to profile: "-XX:StartFlightRecording=filename=F.jfr");
# DDC_JAR=FILE times another build of the launcher.
# needs: /usr/sbin/sshd, ssh-keygen (openssh-server), parallel-ssh (pssh), the built ddc.jar, with
# --ansible also ansible (apt-get install ansible); run as root
# (sshd then logs the same user in on any loopback address).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${DDC_JAR:-$here/../../ddc-examples/target/ddc.jar}"
java_options="${DDC_JAVA_OPTIONS--XX:TieredStopAtLevel=1}"
with_ansible=0
if [ "${1:-}" = "--ansible" ]; then with_ansible=1; shift; fi
targets="${1:-50}"
runs="${2:-5}"
kex="${3:-sntrup761x25519-sha512@openssh.com}"
parallel=50
for tool in /usr/sbin/sshd ssh-keygen parallel-ssh java; do
  command -v "$tool" >/dev/null || { echo "ssh-side-by-side.sh needs $tool" >&2; exit 2; }
done
[ "$with_ansible" -eq 0 ] || command -v ansible >/dev/null || { echo "--ansible needs ansible" >&2; exit 2; }
[ -f "$jar" ] || { echo "ssh-side-by-side.sh: build $jar first (mvn -B -q -DskipTests package)" >&2; exit 2; }
[ "$targets" -ge 1 ] && [ "$targets" -le 200 ] || { echo "TARGETS must be 1 to 200" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; done
  rm -rf "$work"
}
trap stop EXIT

ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/host"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/id"
cp "$work/id.pub" "$work/authorized_keys"
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
port=$((20000 + RANDOM % 20000))
user="$(id -un)"
: > "$work/targets"
: > "$work/pssh-hosts"
: > "$work/known_hosts"
for ((i = 0; i < targets; i++)); do
  address="127.0.0.$((i + 2))"
  echo "$address" >> "$work/targets"
  echo "$address:$port" >> "$work/pssh-hosts"
  echo "[$address]:$port $(cut -d' ' -f1,2 "$work/host.pub")" >> "$work/known_hosts"
done
for ((first = 0; first < targets; first += 16)); do
  config="$work/sshd_config.$first"
  {
    echo "Port $port"
    for ((i = first; i < first + 16 && i < targets; i++)); do echo "ListenAddress 127.0.0.$((i + 2))"; done
    echo "HostKey $work/host"
    echo "PidFile $work/sshd.$first.pid"
    echo "AuthorizedKeysFile $work/authorized_keys"
    echo "KexAlgorithms $kex"
    printf 'StrictModes no\nUsePAM no\nPermitRootLogin yes\nPasswordAuthentication no\n'
    printf 'MaxStartups 200:30:400\nMaxSessions 10\nSetEnv SHLVL=1\nLogLevel ERROR\n'
    echo "Subsystem sftp internal-sftp" # Ansible copies its modules with sftp; ddc and pssh do not use it
  } > "$config"
  /usr/sbin/sshd -D -e -f "$config" 2>> "$work/sshd.log" &
  pids+=("$!")
done
while read -r address; do
  for ((try = 0; try < 200; try++)); do
    if (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; then break; fi
    sleep 0.05
  done
done < "$work/targets"

now() { date +%s%N; }
millis() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ddc_run() { # $1 = iterations, $2 = run number; prints the output of ddc
  java $java_options -jar "$jar" exec --runner ssh --user "$user" --port "$port" --identity "$work/id" \
    --known-hosts "$work/known_hosts" --targets "$work/targets" --parallelism "$parallel" --check always \
    --out "$work/ddc-data" --experiment "run$2-$1" --iterations "$1" --interval 1s -- uname -a
}
pssh_run() { # $1 = run number
  parallel-ssh -p "$parallel" -h "$work/pssh-hosts" -l "$user" -o "$work/pssh-out.$1" -e "$work/pssh-err.$1" \
    -x "-F /dev/null -i $work/id -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes \
-o BatchMode=yes -o KexAlgorithms=$kex" uname -a > /dev/null
}

ansible_run() { # $1 = run number; a fresh control folder, its master connections closed afterwards
  local control="$work/ansible-cp.$1"
  mkdir -p "$control"
  ANSIBLE_SSH_CONTROL_PATH_DIR="$control" ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" ANSIBLE_HOST_KEY_CHECKING=True \
    ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_NOCOLOR=1 \
    ansible all -i "$work/ansible-hosts" -f "$parallel" -m command -a 'uname -a' > "$work/ansible-out.$1" 2>&1
  local status=$?
  for socket in "$control"/*; do
    [ -S "$socket" ] && ssh -o ControlPath="$socket" -O exit dummy 2>/dev/null || true
  done
  return "$status"
}
if [ "$with_ansible" -eq 1 ]; then
  {
    echo "[targets]"
    while read -r address; do echo "$address ansible_port=$port"; done < "$work/targets"
    echo "[all:vars]"
    echo "ansible_user=$user"
    echo "ansible_ssh_private_key_file=$work/id"
    echo "ansible_ssh_common_args='-F /dev/null -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes -o KexAlgorithms=$kex'"
  } > "$work/ansible-hosts"
fi

: > "$work/ddc.ms"
: > "$work/pssh.ms"
: > "$work/ansible.ms"
: > "$work/second.ms"
for ((run = 1; run <= runs; run++)); do
  start="$(now)"
  ddc_run 1 "$run" > "$work/ddc.log" || { cat "$work/ddc.log"; echo "ddc did not succeed everywhere" >&2; exit 1; }
  millis "$start" "$(now)" >> "$work/ddc.ms"
  start="$(now)"
  pssh_run "$run" || { echo "parallel-ssh did not succeed everywhere" >&2; exit 1; }
  millis "$start" "$(now)" >> "$work/pssh.ms"
  if [ "$with_ansible" -eq 1 ]; then
    start="$(now)"
    ansible_run "$run" || { cat "$work/ansible-out.$run"; echo "ansible did not succeed everywhere" >&2; exit 1; }
    millis "$start" "$(now)" >> "$work/ansible.ms"
  fi
done
for ((run = 1; run <= runs; run++)); do
  ddc_run 2 "$run" > "$work/ddc2.log" || { cat "$work/ddc2.log"; echo "ddc did not succeed everywhere" >&2; exit 1; }
  sed -n "s/^iteration 2 of 2 (id [0-9]*): $targets succeeded, 0 failed, 0 unavailable .* in \([0-9.]*\) s$/\1/p" \
    "$work/ddc2.log" | awk '{ print $1 * 1000 }' >> "$work/second.ms"
done
[ "$(wc -l < "$work/second.ms")" -eq "$runs" ] || { cat "$work/ddc2.log"; echo "no second iteration line" >&2; exit 1; }

ddc_ms="$(median < "$work/ddc.ms")"
pssh_ms="$(median < "$work/pssh.ms")"
second_ms="$(median < "$work/second.ms")"
echo "targets $targets, runs $runs, key exchange $kex, $parallel at once, ddc's JVM options: ${java_options:-none}"
echo "ddc exec --runner ssh, whole process: $(paste -sd' ' "$work/ddc.ms") ms -> median $ddc_ms ms"
echo "parallel-ssh -p $parallel, whole process: $(paste -sd' ' "$work/pssh.ms") ms -> median $pssh_ms ms"
echo "ddc second iteration, sessions kept: $(paste -sd' ' "$work/second.ms") ms -> median $second_ms ms"
awk -v d="$ddc_ms" -v p="$pssh_ms" -v s="$second_ms" 'BEGIN {
  printf "ddc / parallel-ssh = %.2f (target <= 1.0); second iteration / parallel-ssh = %.2f (target <= 0.3)\n", d / p, s / p }'
if [ "$with_ansible" -eq 1 ]; then
  ansible_ms="$(median < "$work/ansible.ms")"
  echo "ansible -f $parallel -m command, whole process: $(paste -sd' ' "$work/ansible.ms") ms -> median $ansible_ms ms"
  awk -v d="$ddc_ms" -v a="$ansible_ms" -v s="$second_ms" 'BEGIN {
    printf "ddc / ansible = %.2f; second iteration / ansible = %.2f\n", d / a, s / a }'
fi
