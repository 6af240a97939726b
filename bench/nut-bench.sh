#!/usr/bin/env bash
# NUT protocol benchmark: the real upsd 2.8.0 (Debian's nut-server, with dummy-ups) and Gridwatch, side by side
# on this machine, serving the same UPS definition, measured by the same load driver (bench/NutLoad.java) over
# loopback. Prints a Markdown table (the one in docs/benchmarks.md).
#
#   bench/nut-bench.sh [seconds-per-run]        (default 10; every run stops by itself)
#
# Environment: GRIDWATCH_JAVA_OPTS (JVM flags of the Gridwatch server, default: the launcher's),
# GW_EVENT_LOOPS (nut.event_loops), ROUNDS (alternating runs per size, default 3), REQUESTS (default: both, "GET VAR
# ups ups.status|LIST VAR ups"), CONNS (default "10 100 1000"), SKIP_CONNECTION_TESTS=1 (only the table), for an A/B
# of one case between two builds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"
"$root/gridwatch" --version >/dev/null          # builds target/gridwatch.jar if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"
for p in /lib/nut/upsd /lib/nut/dummy-ups; do
  [ -x "$p" ] || { echo "needs $p: apt-get install nut-server nut-client" >&2; exit 1; }
done

work=$(mktemp -d /tmp/gridwatch-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c "import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])"; }
upsd_port=$(free_port)
gw_port=$(free_port)
sessions_max=15000   # below this machine's open-files limit; the target is 10 000

cp "$root/src/test/resources/nut-reference/ups.dev" "$work/ups.dev"
mkdir -p "$work/state"
printf '[ups]\n  driver = dummy-ups\n  port = %s/ups.dev\n  desc = "Benchmark UPS"\n' "$work" > "$work/ups.conf"
printf 'LISTEN 127.0.0.1 %s\nMAXCONN 19000\n' "$upsd_port" > "$work/upsd.conf"
printf '[admin]\n  password = benchpass\n  actions = SET\n' > "$work/upsd.users"
printf 'MODE=standalone\n' > "$work/nut.conf"
export NUT_CONFPATH="$work" NUT_STATEPATH="$work/state" NUT_ALTPIDPATH="$work/state"
as_user=(); [ "$(id -u)" = 0 ] && as_user=(-u root)
/lib/nut/dummy-ups -a ups -F "${as_user[@]}" >"$work/dummy.log" 2>&1 & pids+=($!)
sleep 1
/lib/nut/upsd -F "${as_user[@]}" >"$work/upsd.log" 2>&1 & pids+=($!)
upsd_pid=$!

cat > "$work/gridwatch.yaml" <<EOF
nut:
  listen: ["127.0.0.1:$gw_port"]
  maxconn: 19000
  idle_timeout: 10m
  event_loops: ${GW_EVENT_LOOPS:-0}
ups:
  ups: { description: "Benchmark UPS", driver: dummy, file: ups.dev }
EOF
# the launcher's JVM flags unless GRIDWATCH_JAVA_OPTS says otherwise
"$root/gridwatch" server --config "$work/gridwatch.yaml" \
  >"$work/gridwatch.out" 2>"$work/gridwatch.log" & pids+=($!)
gw_launcher=$!
for port in "$upsd_port" "$gw_port"; do
  for _ in $(seq 100); do upsc "ups@127.0.0.1:$port" ups.status >/dev/null 2>&1 && break; sleep 0.2; done
done
gw_pid=$(pgrep -f "gridwatch.jar server --config $work" | head -n 1)

rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system time, in clock ticks
tick=$(getconf CLK_TCK)
load() { "$java" "$root/bench/NutLoad.java" "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p"; }

# Gridwatch's JIT needs a warm-up that upsd, a C program, does not
load rate port="$gw_port" connections=100 warmup=0 seconds=15 request="GET VAR ups ups.status" >/dev/null
load rate port="$gw_port" connections=100 warmup=0 seconds=10 request="LIST VAR ups" >/dev/null

# Each size is measured in `rounds` alternating runs (upsd, gridwatch, upsd, ...); the table shows the run with
# the median req/s of each server, and the ratio of the medians: this machine's speed drifts by +-10%.
# "CPU per request" is the server process's user + system time over the run divided by the requests served.
rounds="${ROUNDS:-3}"
echo "| request | connections | server | req/s (median of $rounds) | p50 | p99 | server CPU per request | server RSS | Gridwatch / upsd |"
echo "|---|---|---|---|---|---|---|---|---|"
IFS='|' read -r -a requests <<< "${REQUESTS:-GET VAR ups ups.status|LIST VAR ups}"
for request in "${requests[@]}"; do
  for conns in ${CONNS:-10 100 1000}; do
    declare -A runs=()
    for r in $(seq "$rounds"); do
      for server in upsd gridwatch; do
        if [ "$server" = upsd ]; then port=$upsd_port; pid=$upsd_pid; else port=$gw_port; pid=$gw_pid; fi
        before=$(cpu_ticks "$pid")
        out=$(load rate port="$port" connections="$conns" warmup=0 seconds="$secs" request="$request")
        after=$(cpu_ticks "$pid")
        cpu=$(awk -v t=$((after - before)) -v hz="$tick" -v n="$(field requests <<<"$out")" \
          'BEGIN {printf "%.1f us", t / hz * 1e6 / n}')
        runs[$server.$r]="$out cpu=$cpu"
      done
    done
    declare -A median=()
    for server in upsd gridwatch; do
      if [ "$server" = upsd ]; then pid=$upsd_pid; else pid=$gw_pid; fi
      best=$(for r in $(seq "$rounds"); do printf '%s %s\n' "$(field rps <<<"${runs[$server.$r]}")" "$r"; done \
        | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
      out=${runs[$server.${best#* }]}
      median[$server]=${best% *}
      ratio=""
      [ "$server" = gridwatch ] && ratio=$(awk -v g="${median[gridwatch]}" -v u="${median[upsd]}" 'BEGIN {printf "%.2fx", g / u}')
      printf '| %s | %s | %s | %s | %s ms | %s ms | %s | %s | %s |\n' "${request% ups*}" "$conns" "$server" \
        "${median[$server]}" "$(field p50_ms <<<"$out")" "$(field p99_ms <<<"$out")" "${out##*cpu=}" \
        "$(rss "$pid")" "$ratio"
    done
    unset runs median
  done
done

[ "${SKIP_CONNECTION_TESTS:-}" = 1 ] && exit 0
echo
echo "| test | server | result |"
echo "|---|---|---|"
for server in upsd gridwatch; do
  if [ "$server" = upsd ]; then port=$upsd_port; pid=$upsd_pid; else port=$gw_port; pid=$gw_pid; fi
  out=$(load sequential port="$port" count=1500)
  printf '| 1500 connections opened one after another, then one request each | %s | all connected after %s s; %s answered after %s s (first error: %s) |\n' \
    "$server" "$(field connected_after <<<"$out")" "$(field served <<<"$out")" "$(field seconds <<<"$out")" \
    "$(field first_error <<<"$out")"
  out=$(load sessions port="$port" max="$sessions_max")
  printf '| concurrent sessions held (up to %s) | %s | %s held, %s of a sample of 200 still answering, first error: %s; RSS %s |\n' \
    "$sessions_max" "$server" "$(field held <<<"$out")" "$(field sample_answering <<<"$out")" \
    "$(field first_error <<<"$out")" "$(rss "$pid")"
done
