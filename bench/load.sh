#!/usr/bin/env bash
# The performance figures of issue 10, each a ratio of two rates measured in the same run, over several fresh
# server starts, with the worst of them:
#
#   login    POST /api/login rate / libargon2's raw argon2id verify rate in the client's own process, at the
#            same parameters (the defaults) and the same concurrency (LoadClient), in alternating blocks of
#            -b seconds after an untimed warm-up of -w seconds (the JIT's, whose rate is printed too); the
#            logins come from wrk when it is installed (a Java client on the same two cores costs them a few
#            per cent), else from LoadClient's own -n logins
#   verify   GET /connectycube/verify rate / GET /health rate of the same server, 32 keep-alive connections
#            (wrk when installed, else a Java client that reports a lower floor)
#   jdbc     login rate of a server with state.type=jdbc / of the one with memory state, alternating blocks
#   start    seconds from launching the server's JVM to its first 200 on /health; also, for what an operator can
#            add, with -XX:SharedArchiveFile of a class-data archive made by one start before them
#
#   bench/load.sh [-n LOGINS (120)] [-b BLOCK_SECONDS (3)] [-w WARMUP_SECONDS (10)] [-c CLIENTS (cores)] [-s STARTS (3)]
#                 [-d VERIFY_SECONDS (6)] [-t MAX_SECONDS (300)]
#
# The jdbc figure needs a state database: BENCH_STATE_JDBC_URL, else IDBRIDGE_TEST_POSTGRES_URL (tables prefixed
# idbridge_bench_); without either it is skipped. Both JVMs get JAVA_HEAP, default "-Xms1g -Xmx1g" (JAVA_HEAP= for the
# JVM's default); SERVER_JAVA_OPTS adds options to the servers' JVMs only. The first start also runs rounds of
# login, wrong password and logout. Load goes only to 127.0.0.1; the servers are stopped (SIGTERM) however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

logins=120
block_seconds=3
warmup_seconds=10
clients=$(nproc)
starts=3
verify_seconds=6
max_seconds=300
while getopts "n:b:w:c:s:d:t:h" opt; do
  case $opt in
    n) logins=$OPTARG ;;
    b) block_seconds=$OPTARG ;;
    w) warmup_seconds=$OPTARG ;;
    c) clients=$OPTARG ;;
    s) starts=$OPTARG ;;
    d) verify_seconds=$OPTARG ;;
    t) max_seconds=$OPTARG ;;
    *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for n in "$logins" "$block_seconds" "$warmup_seconds" "$clients" "$starts" "$verify_seconds" "$max_seconds"; do
  if [[ ! $n =~ ^[1-9][0-9]*$ ]]; then
    echo "-n, -b, -w, -c, -s, -d and -t take a positive whole number, not '$n'" >&2
    exit 2
  fi
done
state_url=${BENCH_STATE_JDBC_URL:-${IDBRIDGE_TEST_POSTGRES_URL:-}}

# shellcheck source=bench/servers.sh
source bench/servers.sh

cat >"$tmp/memory.properties" <<PROPS
server.host=127.0.0.1
server.port=0
management.port=0
keys.dir=$tmp/keys
directory.file.path=$tmp/users.json
# The defaults, written out: the load measures what a production login pays.
password.argon2.memoryKib=19456
password.argon2.iterations=2
password.argon2.parallelism=1
# Every wrong password comes from one address and one name: the limiter would answer 429 without hashing.
throttle.threshold=1000000
PROPS
{
  cat "$tmp/memory.properties"
  echo "state.type=jdbc"
  echo "state.jdbc.url=$state_url"
  echo "state.jdbc.tablePrefix=idbridge_bench_"
} >"$tmp/jdbc.properties"

password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" | java -jar target/idbridge.jar users add bench --password-stdin \
  --config "$tmp/memory.properties" >/dev/null
# The keys exist before the first start, as on every start but a server's first: making an RSA key takes seconds.
for alg in es256 rs256; do
  java -jar target/idbridge.jar keys generate --alg "$alg" --config "$tmp/memory.properties" >/dev/null 2>&1
done

declare -A figures
record() { figures[$1]="${figures[$1]:-} $2"; }

# The class-data archive an operator can give the JVM (README, Start-up): written at the exit of one start that
# served /health and a login, then used by a start of its own before each measured one.
cds=$tmp/idbridge.jsa
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-} -XX:ArchiveClassesAtExit=$cds" start_server "$tmp/memory.properties" "$tmp/cds.log"
curl -sf -o /dev/null -d username=bench --data-urlencode "password=$password" "$url/api/login"
stop_servers

if command -v wrk >/dev/null; then
  login_load="wrk, $clients connections, blocks of $block_seconds s after $warmup_seconds s of warm-up"
else
  login_load="LoadClient, $logins logins from $clients clients"
fi
echo "idbridge figures: $starts fresh starts; logins by $login_load; verify rates by $rate_tool"
for start in $(seq 1 "$starts"); do
  echo
  echo "=== start $start of $starts ==="
  if [[ -f $cds ]]; then
    SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-} -XX:SharedArchiveFile=$cds" start_server "$tmp/memory.properties" \
      "$tmp/cds-$start.log"
    record start-cds "$startup"
    echo "start-up to a 200 on /health with -XX:SharedArchiveFile: $startup s"
    stop_servers
  fi
  start_server "$tmp/memory.properties" "$tmp/memory-$start.log"
  memory_url=$url
  memory_metrics=$metrics_url
  record start "$startup"
  echo "start-up to a 200 on /health: $startup s"
  jdbc_args=()
  if [[ -n $state_url ]]; then
    start_server "$tmp/jdbc.properties" "$tmp/jdbc-$start.log"
    jdbc_args=(--jdbc-url "$url")
  fi

  out="$tmp/client-$start.txt"
  printf '%s\n' "$password" | timeout --signal=TERM $((max_seconds + 120)) \
    java $heap -cp "$client_cp" io.idbridge.bench.LoadClient --url "$memory_url" "${jdbc_args[@]}" \
    --config "$tmp/memory.properties" --user bench --logins "$logins" --clients "$clients" \
    --block-seconds "$block_seconds" --warmup-seconds "$warmup_seconds" ${memory_metrics:+--metrics-url "$memory_metrics"} \
    --max-seconds "$max_seconds" --mixed $((start == 1 ? logins / 4 : 0)) | tee "$out"
  while read -r _ name value; do
    record "$name" "$value"
  done < <(grep '^FIGURE ' "$out")

  token=$(curl -sf -d username=bench --data-urlencode "password=$password" "$memory_url/api/login" |
    sed 's/.*"token":"\([^"]*\)".*/\1/')
  health=0 verify=0
  # Alternating halves meet the same background load.
  for _ in 1 2; do
    health=$(awk -v a="$health" -v b="$(rate "$memory_url/health" $(((verify_seconds + 1) / 2)))" 'BEGIN {print a + b}')
    verify=$(awk -v a="$verify" -v b="$(rate "$memory_url/connectycube/verify?token=$token" $(((verify_seconds + 1) / 2)))" 'BEGIN {print a + b}')
  done
  ratio=$(awk -v v="$verify" -v h="$health" 'BEGIN {printf "%.3f", v / h}')
  printf 'GET /connectycube/verify %.0f req/s, GET /health %.0f req/s\n' "$(awk -v v="$verify" 'BEGIN {print v / 2}')" \
    "$(awk -v h="$health" 'BEGIN {print h / 2}')"
  echo "RATIO verify rate / health rate: $ratio"
  record "verify/health" "$ratio"

  stop_servers
  for log in "$tmp"/*-"$start".log; do
    if grep -q ' SEVERE ' "$log"; then
      echo "the server logged errors ($log):" >&2
      grep -A3 ' SEVERE ' "$log" >&2
      exit 1
    fi
  done
done

summary() { # name, goal, "min" or "max"
  [[ -n ${figures[$1]:-} ]] || return 0
  local worst
  worst=$(tr ' ' '\n' <<<"${figures[$1]}" | grep . | sort -g | { [[ $3 == max ]] && tail -1 || head -1; })
  printf '%-58s %-26s %-7s %s\n' "$4" "$(xargs <<<"${figures[$1]}")" "$worst" "$2"
}
echo
echo "=== figures over $starts starts (the worst of them: min of a ratio, max of a time) ==="
printf '%-58s %-26s %-7s %s\n' figure "each start" worst goal
summary login/native-argon2id '>= 0.9' min "HTTP login rate / native argon2id verify rate ($clients clients)"
summary verify/health '>= 0.5' min "/connectycube/verify rate / /health rate (32 connections)"
if [[ -n $state_url ]]; then
  summary jdbc/memory-state '>= 0.9' min "login rate, state.type=jdbc / memory"
else
  echo "login rate, state.type=jdbc / memory: skipped (set BENCH_STATE_JDBC_URL or IDBRIDGE_TEST_POSTGRES_URL)"
fi
summary start '< 1 s' max "start-up to a 200 on /health (s)"
summary start-cds '-' max "start-up with the class-data archive (s)"
