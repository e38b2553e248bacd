#!/usr/bin/env bash
# Heap bytes per live session with the memory state store (SessionMemory): N sessions of N users opened through
# Sessions.open under each concurrent-login policy, the heap measured after full collections before and after.
#
#   bench/memory.sh [--sessions N (100000)]
#
# Signing N ES256 tokens is most of the time (about a minute per policy at 100k on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Dstyle.color=never -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# One fixed heap, so that "used after a full collection" is all the live data; the log lines go away.
exec java -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.idbridge.bench.SessionMemory "$@" 2> >(grep -v -e '^INFO:' -e 'io.idbridge' -e '^WARNING:' >&2)
