#!/usr/bin/env bash
# Flood of the seed's POST /status against a server started here (one dummy UPS, one configured host, a client
# token): 10 000 reports from unknown addresses with 100 KB bodies, then 10 000 valid ones; prints the server's RSS
# growth and NUT GET VAR latency (p50, p99) during the flood. Loopback only; stops by itself.
#
#   bench/status-flood.sh [count] [pad] [rounds]   (default 10000 reports per phase, 100000-byte bodies, 2 rounds:
#                                                    the second shows whether the first's growth was a bound)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-10000}"
pad="${2:-100000}"
rounds="${3:-2}"
"$root/gridwatch" --version >/dev/null          # builds target/gridwatch.jar if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"

work=$(mktemp -d /tmp/gridwatch-flood.XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c "import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])"; }
http_port=$(free_port)
nut_port=$(free_port)
printf 'ups.status: OL\nbattery.charge: 100\n' > "$work/rack.dev"
cat > "$work/gridwatch.yaml" <<YAML
data_dir: state
nut:
  listen: ["127.0.0.1:$nut_port"]
  users:
    mon: { password: monpass-$$, upsmon: primary }
http:
  listen: "127.0.0.1:$http_port"
ups:
  rack: { driver: dummy, file: rack.dev }
hosts:
  nas: { ups: rack, address: 127.0.0.10, shutdown_delay: 5m }
YAML
"$root/gridwatch" server --config "$work/gridwatch.yaml" >"$work/server.log" 2>&1 &
server=$!
password=""
for _ in $(seq 150); do
  password=$(sed -n 's/^ *Dashboard login.*: admin \/ \(.*\)$/\1/p' "$work/server.log")
  [ -n "$password" ] && curl -fs "http://127.0.0.1:$http_port/version" >/dev/null 2>&1 && break
  sleep 0.2
done
[ -n "$password" ] || { echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
base="http://127.0.0.1:$http_port"
jar=$(mktemp "$work/cookies.XXXXXX")
csrf=$(curl -fs -c "$jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/login" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
token=$(curl -fs -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"flood","scopes":["client"]}' "$base/api/v1/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')
pid=$(pgrep -f "gridwatch.jar server --config $work/gridwatch.yaml" | head -1)
sleep 60     # idle first, so the RSS before is the server's settled size
echo "JDK: $("$java" -version 2>&1 | head -1); $(nproc) CPUs" >&2
"$java" "$root/bench/StatusFlood.java" http="$http_port" nut="$nut_port" token="$token" pid="$pid" ups=rack \
  host-ip=127.0.0.10 count="$count" pad="$pad" rounds="$rounds"
echo "unconfigured reporters kept: $(curl -fs -b "$jar" "$base/api/v1/clients/unconfigured" | grep -o '"address"' | wc -l)"
echo "server log: $(wc -c < "$work/server.log") bytes"
