#!/usr/bin/env bash
# Two servers of one site, the leader killed (as kill -9) again and again: takeover time (median, max) and whether
# any once-only work was done twice or never. PostgreSQL: the machine's on 127.0.0.1:5432 (user postgres, database
# test), else the embedded one the test suite starts.
#
#   bench/takeover-bench.sh [kills] [lease seconds] [kinds]
#   (default 20 kills, 4 s (the default lease), 20 kinds of event; about 2.5 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-20}"
lease="${2:-4}"
kinds="${3:-20}"
"$root/gridwatch" --version >/dev/null          # builds target/ if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"
work=$(mktemp -d /tmp/gridwatch-takeover-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$root" && { ./mvnw -q -o test-compile >/dev/null 2>&1 || ./mvnw -q test-compile >/dev/null; } \
  && { ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null 2>&1 \
  || ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null; })
cp="$root/target/classes:$root/target/test-classes:$(cat "$work/cp")"
# the coordinators' own log goes to a file, shown only when the run fails
if ! "$java" -cp "$cp" "$root/bench/TakeoverBench.java" "$kills" "$lease" "$kinds" \
    2> >(tee "$work/log" | grep --line-buffered '^kill\|^event' >&2); then
  cat "$work/log" >&2
  exit 1
fi
