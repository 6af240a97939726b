#!/usr/bin/env bash
# HTTP side benchmarks on loopback: SSE latency (hub change -> event received, with 1, 10 and 100 dashboard
# streams open) and dashboard load time in Debian's headless Chromium (cold and warm). Starts its own server on a
# site with one drillable UPS (the changes are drills started and stopped through the API) and a dummy UPS.
#
#   bench/http-bench.sh [changes] [loads]        (default 200 changes per stream count, 20 page loads)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
changes="${1:-200}"
loads="${2:-20}"
"$root/gridwatch" --version >/dev/null          # builds target/gridwatch.jar if needed
java_home="$("$root/gridwatch" --print-java-home)"
java="$java_home/bin/java"

work=$(mktemp -d /tmp/gridwatch-http-bench.XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c "import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])"; }
http_port=$(free_port)
nut_port=$(free_port)
echo 1 > "$work/mains.value"
printf 'ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\nups.load: 30\n' > "$work/rack.dev"
cat > "$work/gridwatch.yaml" <<YAML
data_dir: state
nut:
  listen: ["127.0.0.1:$nut_port"]
http:
  listen: "127.0.0.1:$http_port"
ups:
  rack:
    driver: dummy
    file: rack.dev
  grid:
    description: "Inverter (mains sensor on a GPIO line, here a file standing in for its sysfs value)"
    driver: gpio
    value_file: mains.value
    interval: 1s
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
echo "JDK: $("$java" -version 2>&1 | head -1); $(nproc) CPUs" >&2

echo "== SSE latency: drill started/stopped through the API -> 'ups' event on every stream ($changes changes each)"
"$java" "$root/bench/SseLatency.java" "$base" "$password" grid "$changes" 1 10 100

if [ -x /usr/bin/chromium ]; then
  echo "== Dashboard load: navigation start -> first UPS card rendered ($loads loads each)"
  cp_file="$work/classpath"
  (cd "$root" && ./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null 2>&1 \
    || ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$java" -cp "$(cat "$cp_file")" "$root/bench/DashboardLoad.java" "$base/" "$password" "$loads"
else
  echo "== Dashboard load: skipped, no /usr/bin/chromium (apt-get install chromium)"
fi
