#!/usr/bin/env bash
# The starvation case of issue 13.1: a server of its own on 127.0.0.1 (default hashing) under L connections
# sending logins and V connections verifying a token at /connectycube/verify, for S seconds, while one client
# asks /health over and over (StarveClient). It prints what each kind was answered (logins beyond
# password.maxQueued get 503 with Retry-After) and the latencies of each: /health and the verifies should stay
# well under a second.
#
#   bench/starve.sh [-l LOGIN_CONNECTIONS (300)] [-v VERIFY_CONNECTIONS (100)] [-s SECONDS (30)]
#
# The server's JVM gets JAVA_HEAP, default "-Xms1g -Xmx1g". Bounded in time; traffic goes only to 127.0.0.1;
# the server is stopped (SIGTERM) however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

logins=300
verifies=100
seconds=30
while getopts "l:v:s:h" opt; do
  case $opt in
    l) logins=$OPTARG ;;
    v) verifies=$OPTARG ;;
    s) seconds=$OPTARG ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for n in "$logins" "$verifies" "$seconds"; do
  if [[ ! $n =~ ^[1-9][0-9]*$ ]]; then
    echo "-l, -v and -s take a positive whole number, not '$n'" >&2
    exit 2
  fi
done

if [[ ! -f target/idbridge.jar || ! -f target/test-classes/io/idbridge/bench/StarveClient.class ]]; then
  echo "building target/idbridge.jar and the test classes"
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

timeout --signal=TERM $((seconds + 180)) \
  java -cp target/test-classes:target/idbridge.jar io.idbridge.bench.StarveClient --jar target/idbridge.jar \
  --logins "$logins" --verifies "$verifies" --seconds "$seconds" \
  --java-options "${JAVA_HEAP--Xms1g -Xmx1g}" 2> >(grep -v -e '^INFO:' -e 'io.idbridge' >&2)
