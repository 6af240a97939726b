#!/usr/bin/env bash
# History store: ingest rate, rollup time, bytes on disk and chart query times over a year of 5-second samples,
# on SQLite (a temporary file) and on the PostgreSQL running on 127.0.0.1:5432 (database test, a schema of its own,
# dropped afterwards).
#
#   bench/history-bench.sh [days] [UPSes]   (default 365 days, 1 UPS: 6.3 million samples per database; 2 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days="${1:-365}"
upses="${2:-1}"
"$root/gridwatch" --version >/dev/null          # builds target/ if needed
java="$("$root/gridwatch" --print-java-home)/bin/java"
work=$(mktemp -d /tmp/gridwatch-history-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null 2>&1 \
  || ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null)
cp="$root/target/classes:$(cat "$work/cp")"
for db in sqlite postgresql; do
  # the store's own log (connection pool, migrations) goes to a file, shown only when the run fails
  if ! "$java" -Xmx1g -cp "$cp" "$root/bench/HistoryBench.java" "$db" "$work" "$days" "$upses" 2>"$work/$db.log"; then
    cat "$work/$db.log" >&2
    exit 1
  fi
done
