#!/usr/bin/env bash
# Footprint: start-up times (NUT and HTTP answering, over [starts] starts) and memory (RSS) of a server with one
# dummy UPS (idle, then after NUT load), the demo site and the agent with a hub, as the launcher runs them
# (GRIDWATCH_JAVA_OPTS to try other JVM flags); beside them, the real upsd 2.8.0 with dummy-ups and upsmon on
# the same UPS, idle as long. Everything on loopback; the agent runs with --dry-run.
#
#   bench/footprint.sh [starts] [idle seconds]      (default 10 starts, 60 s; about 6 minutes; idle 0: start-up only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
starts="${1:-10}"
idle="${2:-60}"
"$root/gridwatch" --version >/dev/null          # builds target/gridwatch.jar if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"
work=$(mktemp -d /tmp/gridwatch-footprint.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# a class-data archive of its own, made by the trial run Footprint.java starts with (not the user's)
export GRIDWATCH_CACHE_DIR="$work/cache"
echo "JDK: $("$java" -version 2>&1 | head -1); $(nproc) CPUs; flags: ${GRIDWATCH_JAVA_OPTS:-launcher defaults}" >&2

# NUT itself, for scale: upsd with dummy-ups, and upsmon watching it
if [ -x /lib/nut/upsd ] && [ -x /lib/nut/dummy-ups ] && command -v upsmon >/dev/null; then
  nut="$work/nut"; mkdir -p "$nut/state"
  port=$(python3 -c "import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])")
  printf 'ups.status: OL\nbattery.charge: 90\n' > "$nut/ups.dev"
  printf '[ups]\n  driver = dummy-ups\n  port = %s/ups.dev\n' "$nut" > "$nut/ups.conf"
  printf 'LISTEN 127.0.0.1 %s\n' "$port" > "$nut/upsd.conf"
  printf '[mon]\n  password = monpass\n  upsmon secondary\n' > "$nut/upsd.users"
  printf 'MODE=netserver\n' > "$nut/nut.conf"
  printf 'MONITOR ups@127.0.0.1:%s 1 mon monpass secondary\nSHUTDOWNCMD "/bin/true"\nPOWERDOWNFLAG %s/killpower\nMINSUPPLIES 1\n' \
    "$port" "$nut" > "$nut/upsmon.conf"
  chmod 600 "$nut"/*.conf "$nut/upsd.users"
  export NUT_CONFPATH="$nut" NUT_STATEPATH="$nut/state" NUT_ALTPIDPATH="$nut/state"
  as_user=(); [ "$(id -u)" = 0 ] && as_user=(-u root)
  /lib/nut/dummy-ups -a ups -F "${as_user[@]}" >"$nut/dummy.log" 2>&1 & pids+=($!); dummy=$!
  sleep 1
  /lib/nut/upsd -F "${as_user[@]}" >"$nut/upsd.log" 2>&1 & pids+=($!); upsd=$!
  sleep 1
  upsmon -F "${as_user[@]}" >"$nut/upsmon.log" 2>&1 & pids+=($!)
fi

"$java" "$root/bench/Footprint.java" "$root/gridwatch" "$work" "$starts" "$idle"

if [ -n "${upsd:-}" ]; then
  kb() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$1/status"; }
  echo
  echo "| NUT 2.8.0, after the same time | RSS |"
  echo "|---|---|"
  echo "| upsd | $(kb "$upsd") |"
  echo "| dummy-ups (the driver) | $(kb "$dummy") |"
  # upsmon forks: a privileged parent and the unprivileged child that monitors
  for p in $(pgrep -x upsmon); do echo "| upsmon (pid $p) | $(kb "$p") |"; done
fi
