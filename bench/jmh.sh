#!/usr/bin/env bash
# The JMH benchmarks (src/test/java/io/idbridge/bench): the raw crypto limits and the login path without HTTP,
# each as a multiple of an argon2id verify measured in the same run. Arguments go to JMH through BenchRunner,
# e.g. `bench/jmh.sh -wi 3 -i 5 -r 2s`, `bench/jmh.sh Signing`, or `--rounds 3` to run the set three times over
# (steadier ratios on a busy machine); `bench/jmh.sh -h` lists JMH's options.
set -euo pipefail
cd "$(dirname "$0")/.."

# Compiles (the annotation processor writes the harness) and writes the test classpath, in one Maven run.
mvn -B -q -Dstyle.color=never -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.idbridge.bench.BenchRunner "$@"
