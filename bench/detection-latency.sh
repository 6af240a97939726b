#!/usr/bin/env bash
# Detection latency of a sentinel UPS at default settings (ICMP probes every 1 s, 800 ms timeout, 3 failed rounds,
# quorum all): three sentinel hosts in network namespaces this script creates; each round takes their interfaces
# down (the last one at a random phase of the probe interval) and measures until a NUT client sees OB. Needs root (ip netns).
#
#   sudo bench/detection-latency.sh [rounds]        (default 20; about 15 s a round)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-20}"
[ "$(id -u)" = 0 ] || { echo "needs root: network namespaces (ip netns add)" >&2; exit 1; }
"$root/gridwatch" --version >/dev/null          # builds target/gridwatch.jar if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"

tag="gwbench$$"
work=$(mktemp -d /tmp/gridwatch-latency.XXXXXX)
server=""
links=()
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  for i in 0 1 2; do ip link del "${tag}h$i" 2>/dev/null || true; ip netns del "${tag}n$i" 2>/dev/null || true; done
  ip route del blackhole 10.232.0.0/24 metric 4000 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A sentinel goes dark by its own side of the link going down (as a device losing power): the machine's side
# keeps its route, and the blackhole route keeps anything addressed to a dark sentinel off the default route.
ip route replace blackhole 10.232.0.0/24 metric 4000
sentinels=""
for i in 0 1 2; do
  ip netns add "${tag}n$i"
  ip link add "${tag}h$i" type veth peer name "${tag}p$i"
  ip link set "${tag}p$i" netns "${tag}n$i"
  ip addr add "10.232.0.$((4 * i + 1))/30" dev "${tag}h$i"
  ip link set "${tag}h$i" up
  ip netns exec "${tag}n$i" ip addr add "10.232.0.$((4 * i + 2))/30" dev "${tag}p$i"
  ip netns exec "${tag}n$i" ip link set "${tag}p$i" up
  ip netns exec "${tag}n$i" ip link set lo up
  links+=("${tag}n$i:${tag}p$i")
  sentinels+="      s$i: { address: 10.232.0.$((4 * i + 2)) }"$'\n'
done

port=$(python3 -c "import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])")
cat > "$work/gridwatch.yaml" <<YAML
data_dir: state
nut:
  listen: ["127.0.0.1:$port"]
http:
  listen: "127.0.0.1:0"
ups:
  grid:
    driver: sentinel
    sentinels:
$sentinels
YAML
"$root/gridwatch" server --config "$work/gridwatch.yaml" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
echo "ICMP sentinels, default settings; $rounds outages" >&2
"$java" "$root/bench/DetectionLatency.java" "$port" grid "$rounds" "${links[@]}"
