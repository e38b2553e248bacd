#!/usr/bin/env bash
# Slow clients: a server on 127.0.0.1 (started in the client's JVM), many connections sending a login body at one
# byte a second, and normal requests meanwhile (SlowClients). Reports how many normal requests were answered
# within 5 s, what the slow connections got (408 past http.bodyTimeout), and the SEVERE lines the server logged.
#
#   bench/slow.sh [-s SLOW_CONNECTIONS (300)] [-n NORMAL_REQUESTS (10)] [-b BODY_TIMEOUT_SECONDS (10)]
#
# Bounded: it ends within BODY_TIMEOUT + about 40 s; traffic goes only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

slow=300
normal=10
body_timeout=10
while getopts "s:n:b:h" opt; do
  case $opt in
    s) slow=$OPTARG ;;
    n) normal=$OPTARG ;;
    b) body_timeout=$OPTARG ;;
    *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for n in "$slow" "$normal" "$body_timeout"; do
  if [[ ! $n =~ ^[1-9][0-9]*$ ]]; then
    echo "-s, -n and -b take a positive whole number, not '$n'" >&2
    exit 2
  fi
done

if [[ ! -f target/idbridge.jar || ! -f target/test-classes/io/idbridge/bench/SlowClients.class ]]; then
  echo "building target/idbridge.jar and the test classes"
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

timeout --signal=TERM $((body_timeout + 90)) \
  java -Djava.util.logging.config.file=src/test/resources/logging.properties \
  -cp target/test-classes:target/idbridge.jar io.idbridge.bench.SlowClients \
  --slow "$slow" --normal "$normal" --body-timeout "$body_timeout"
