# Shared by the bench scripts (sourced, from the project's directory): builds what is missing, makes $tmp (removed
# at exit, when every server started here is stopped with SIGTERM), and starts servers and measures rates.
if [[ ! -f target/idbridge.jar || ! -f target/test-classes/io/idbridge/bench/LoadClient.class \
  || ! -f target/bench.classpath ]]; then
  echo "building target/idbridge.jar and the test classes"
  mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi
client_cp="target/test-classes:target/idbridge.jar:$(cat target/bench.classpath)"

tmp=$(mktemp -d)
pids=()
stop_servers() {
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  pids=()
}
cleanup() {
  stop_servers
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

heap=${JAVA_HEAP--Xms1g -Xmx1g}

# Starts a server on a config; sets $url, $metrics_url (its management port's /metrics, when it logs one), and
# $startup to the seconds from launch to a 200 on /health.
start_server() {
  local config=$1 log=$2 t0 pid
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # the options are words on purpose
  java $heap ${SERVER_JAVA_OPTS:-} -jar target/idbridge.jar --config "$config" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  url=
  for _ in $(seq 1 3000); do
    [[ -z $url ]] && url=$(grep -so 'idbridge listening on http://[^ ]*' "$log" | head -1 | sed 's/.* //; s#/$##') || true
    if [[ -n $url ]] && curl -sf -o /dev/null "$url/health"; then
      startup=$(( ($(date +%s%N) - t0) / 1000000 ))
      startup=$(printf '%d.%03d' $((startup / 1000)) $((startup % 1000)))
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      url=
      break
    fi
    sleep 0.01
  done
  if [[ -z $url ]] || [[ -z ${startup:-} ]]; then
    echo "the server did not start (or /health never answered 200); its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  metrics_url=$(grep -so 'metrics and health on http://[^ ]*' "$log" | head -1 | sed 's/.* //') || true
  if [[ $url != http://127.0.0.1:* ]]; then
    echo "refusing to load $url: only 127.0.0.1" >&2
    exit 1
  fi
}

if command -v wrk >/dev/null; then
  rate_tool="wrk, $(nproc) threads"
else
  rate_tool="the Java client (wrk is not installed: apt-get install wrk for the real floor)"
fi
# Requests/s of 200 answers to GET $1 from 32 connections for $2 seconds, after a 1 s warm-up; $3 and $4, when
# given, are a header's name and value.
rate() {
  if command -v wrk >/dev/null; then
    local out header=()
    [[ $# -eq 4 ]] && header=(-H "$3: $4")
    wrk -t"$(nproc)" -c32 -d1s "${header[@]}" "$1" >/dev/null
    out=$(wrk -t"$(nproc)" -c32 -d"$2"s "${header[@]}" "$1")
    if grep -q 'Non-2xx' <<<"$out"; then
      echo "answers other than 200 from $1:" >&2
      echo "$out" >&2
      exit 1
    fi
    awk '/^Requests\/sec:/ {print $2}' <<<"$out"
  else
    java -cp "$client_cp" io.idbridge.bench.Throughput "$1" 32 "$2" "${@:3}"
  fi
}

