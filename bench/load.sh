#!/usr/bin/env bash
# Load test: logins over real HTTP to a server started here on 127.0.0.1, against the raw argon2id verify rate
# measured in the same run at the same concurrency (LoadClient), then rounds of login, wrong password, logout.
#
#   bench/load.sh [-n LOGINS (400)] [-c CLIENTS (cores)] [-t MAX_SECONDS (300)]
#
# Both JVMs get the heap the README recommends: JAVA_HEAP, default "-Xms1g -Xmx1g" (JAVA_HEAP= for the JVM's
# default). SERVER_JAVA_OPTS adds options to the server's JVM only, e.g. SERVER_JAVA_OPTS=-XX:+UseParallelGC.
#
# Bounded in count and time; traffic goes only to 127.0.0.1; the server is stopped (SIGTERM) however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

logins=400
clients=$(nproc)
max_seconds=300
while getopts "n:c:t:h" opt; do
  case $opt in
    n) logins=$OPTARG ;;
    c) clients=$OPTARG ;;
    t) max_seconds=$OPTARG ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for n in "$logins" "$clients" "$max_seconds"; do
  if [[ ! $n =~ ^[1-9][0-9]*$ ]]; then
    echo "-n, -c and -t take a positive whole number, not '$n'" >&2
    exit 2
  fi
done

if [[ ! -f target/idbridge.jar || ! -f target/test-classes/io/idbridge/bench/LoadClient.class ]]; then
  echo "building target/idbridge.jar and the test classes"
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

tmp=$(mktemp -d)
server_pid=
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
cleanup() {
  stop_server
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$tmp/idbridge.properties" <<PROPS
server.host=127.0.0.1
server.port=0
keys.dir=$tmp/keys
directory.file.path=$tmp/users.json
# The defaults, written out: the load measures what a production login pays.
password.argon2.memoryKib=19456
password.argon2.iterations=2
password.argon2.parallelism=1
# Every wrong password comes from one address and one name: the limiter would answer 429 without hashing.
throttle.threshold=1000000
PROPS

password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" | java -jar target/idbridge.jar users add bench --password-stdin \
  --config "$tmp/idbridge.properties" >/dev/null

heap=${JAVA_HEAP--Xms1g -Xmx1g}
# shellcheck disable=SC2086 # the options are words on purpose
java $heap ${SERVER_JAVA_OPTS:-} -jar target/idbridge.jar --config "$tmp/idbridge.properties" >"$tmp/server.log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 1 120); do
  url=$(grep -o 'idbridge listening on http://[^ ]*' "$tmp/server.log" | head -1 | sed 's/.* //') || true
  [[ -n $url ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    server_pid=
    break
  fi
  sleep 0.5
done
if [[ -z $url ]]; then
  echo "the server did not start; its log:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi
if [[ $url != http://127.0.0.1:* ]]; then
  echo "refusing to load $url: only 127.0.0.1" >&2
  exit 1
fi

status=0
printf '%s\n' "$password" | timeout --signal=TERM $((max_seconds + 120)) \
  java $heap -cp target/test-classes:target/idbridge.jar io.idbridge.bench.LoadClient --url "$url" \
  --config "$tmp/idbridge.properties" --user bench --logins "$logins" --clients "$clients" \
  --max-seconds "$max_seconds" || status=$?

stop_server
if grep -q ' SEVERE ' "$tmp/server.log"; then
  echo "the server logged errors:" >&2
  grep -A3 ' SEVERE ' "$tmp/server.log" >&2
  status=1
fi
exit $status
