#!/usr/bin/env bash
# idbridge beside Keycloak on this machine, at Keycloak's argon2id parameters (m=7168 KiB, t=5, p=1, its defaults):
# alternating blocks of password logins (our POST /api/login, Keycloak's direct grant) and of token checks (our
# GET /connectycube/verify, Keycloak's userinfo), each figure a ratio idbridge / Keycloak. Optional, never in CI.
#
#   bench/peer-keycloak.sh [-n LOGINS (120)] [-c CLIENTS (cores)] [-d CHECK_SECONDS (6)]
#
# Keycloak comes from Maven Central (org.keycloak:keycloak-quarkus-dist:26.7.3:zip, kept in target/peer/) and runs
# in dev mode (its own H2 database) on 127.0.0.1; it needs Java 21 or later: KEYCLOAK_JAVA_HOME, else the first
# JDK under /usr/lib/jvm that is new enough. Token checks use wrk when installed, else the Java client.
set -euo pipefail
cd "$(dirname "$0")/.."

logins=120
clients=$(nproc)
check_seconds=6
while getopts "n:c:d:h" opt; do
  case $opt in
    n) logins=$OPTARG ;;
    c) clients=$OPTARG ;;
    d) check_seconds=$OPTARG ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for n in "$logins" "$clients" "$check_seconds"; do
  if [[ ! $n =~ ^[1-9][0-9]*$ ]]; then
    echo "-n, -c and -d take a positive whole number, not '$n'" >&2
    exit 2
  fi
done

version=26.7.3
kc_home=target/peer/keycloak-$version
if [[ ! -x $kc_home/bin/kc.sh ]]; then
  echo "fetching Keycloak $version from Maven Central"
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip \
    -DoutputDirectory=target/peer
  unzip -q -o "target/peer/keycloak-quarkus-dist-$version.zip" -d target/peer
fi
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
kc_java=${KEYCLOAK_JAVA_HOME:-}
if [[ -z $kc_java ]]; then
  for jdk in /usr/lib/jvm/*; do
    if [[ -x $jdk/bin/java ]] && (( $(java_major "$jdk") >= 21 )); then
      kc_java=$jdk
      break
    fi
  done
fi
if [[ -z $kc_java ]]; then
  echo "Keycloak $version needs Java 21 or later: set KEYCLOAK_JAVA_HOME" >&2
  exit 1
fi

# shellcheck source=bench/servers.sh
source bench/servers.sh

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
admin_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
kc_port=$(free_port)
kc="http://127.0.0.1:$kc_port"
echo "starting Keycloak $version on $kc (Java $(java_major "$kc_java") from $kc_java)"
rm -rf "$kc_home/data" # a fresh dev database: the realm below is made anew
JAVA_HOME=$kc_java KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password \
  JAVA_OPTS_KC_HEAP="${JAVA_HEAP--Xms1g -Xmx1g}" \
  "$kc_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$kc_port" \
  --http-management-port="$(free_port)" \
  >"$tmp/keycloak.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$kc/realms/master" && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "Keycloak did not start; its log:" >&2
    cat "$tmp/keycloak.log" >&2
    exit 1
  fi
  sleep 0.5
done

admin_token=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin \
  --data-urlencode "password=$admin_password" "$kc/realms/master/protocol/openid-connect/token" | jq -r .access_token)
admin() { curl -sf -X POST -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' -d "$2" "$kc/admin/realms$1"; }
# Keycloak's own defaults, written out: argon2id, 5 iterations (its memory and parallelism are not in the policy).
admin "" '{"realm":"bench","enabled":true,"passwordPolicy":"hashAlgorithm(argon2) and hashIterations(5)"}'
admin /bench/clients '{"clientId":"bench","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false}'
admin /bench/users "$(jq -n --arg p "$password" '{username:"bench",enabled:true,email:"bench@example.com",
  emailVerified:true,firstName:"Bench",lastName:"Mark",credentials:[{type:"password",value:$p,temporary:false}]}')"

cat >"$tmp/idbridge.properties" <<PROPS
server.host=127.0.0.1
server.port=0
keys.dir=$tmp/keys
directory.file.path=$tmp/users.json
# Keycloak's argon2id defaults, so that both servers pay the same hash.
password.argon2.memoryKib=7168
password.argon2.iterations=5
password.argon2.parallelism=1
PROPS
printf '%s\n' "$password" | java -jar target/idbridge.jar users add bench --password-stdin \
  --config "$tmp/idbridge.properties" >/dev/null
start_server "$tmp/idbridge.properties" "$tmp/idbridge.log"

printf '%s\n' "$password" | java $heap -cp "$client_cp" io.idbridge.bench.LoadClient --url "$url" \
  --keycloak "$kc/realms/bench/protocol/openid-connect/token" --config "$tmp/idbridge.properties" \
  --user bench --logins "$logins" --clients "$clients" | tee "$tmp/logins.txt"

token=$(curl -sf -d username=bench --data-urlencode "password=$password" "$url/api/login" | jq -r .token)
kc_token=$(curl -sf -d grant_type=password -d client_id=bench -d username=bench -d scope=openid \
  --data-urlencode "password=$password" "$kc/realms/bench/protocol/openid-connect/token" | jq -r .access_token)
ours=0 theirs=0
half=$(((check_seconds + 1) / 2))
# Alternating halves meet the same background load.
for _ in 1 2; do
  ours=$(awk -v a="$ours" -v b="$(rate "$url/connectycube/verify?token=$token" "$half")" 'BEGIN {print a + b}')
  theirs=$(awk -v a="$theirs" -v b="$(rate "$kc/realms/bench/protocol/openid-connect/userinfo" "$half" \
    Authorization "Bearer $kc_token")" 'BEGIN {print a + b}')
done
echo
printf 'GET /connectycube/verify %.0f req/s, Keycloak userinfo %.0f req/s (32 connections, %s)\n' \
  "$(awk -v v="$ours" 'BEGIN {print v / 2}')" "$(awk -v v="$theirs" 'BEGIN {print v / 2}')" "$rate_tool"
echo "RATIO idbridge verify rate / Keycloak userinfo rate: $(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}')"
grep '^RATIO' "$tmp/logins.txt"
