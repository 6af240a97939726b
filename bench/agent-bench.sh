#!/usr/bin/env bash
# The agent as a user runs it: start-up time, memory (RSS) and reaction time (a status change on the server to
# the agent's shutdown command), against a Gridwatch server on loopback with a dummy UPS. The shutdown command is
# a script that writes a timestamp: nothing is powered off.
#
#   bench/agent-bench.sh [rounds]        (default 10; about 5 s a round plus 30 s once for the memory reading)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-10}"
"$root/gridwatch" --version >/dev/null          # builds target/gridwatch.jar if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"

work=$(mktemp -d /tmp/gridwatch-agent-bench.XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  pkill -f "gridwatch.jar agent --config $work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c "import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])")
printf 'ups.status: OL\nbattery.charge: 90\n' > "$work/ups.dev"
cat > "$work/gridwatch.yaml" <<YAML
data_dir: state
nut:
  listen: ["127.0.0.1:$port"]
  users:
    mon: { password: monpass, upsmon: secondary }
http:
  listen: "127.0.0.1:0"
ups:
  ups: { driver: dummy, file: ups.dev, pollinterval: 100ms }
YAML
"$root/gridwatch" server --config "$work/gridwatch.yaml" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
echo "JDK: $("$java" -version 2>&1 | head -1); $(nproc) CPUs; agent flags: the launcher's defaults for 'agent'" >&2
"$java" "$root/bench/AgentBench.java" "$root/gridwatch" "$work" "$port" "$rounds"
