#!/usr/bin/env bash
# Production-size benchmark of the fenced switch (issue 20): the rehearsal at 100 k, 1 M and 10 M rows
# (./cutover rehearse --rows N: four day-bucketed tables sharing N rows, 3000 ledger sequences), then one table:
# rows, the fence -> writer-record window with its breakdown by workflow task (fence, drain, sequences, session
# replication role reset, counts, reverse replication start, fence check, record change, the state machine's time
# between tasks), its ratio to the smallest size, the longest write gap the clients saw, and the production
# estimate (window + Route 53 propagation + TTL, lowered and original).
# Each run goes to bench/target/production-size/rows-N (report.json, report.html, run.log).
# Needs no jq or python: the table is read from report.json by a Java source file run on the CLI's own jar.
#
# Usage: bash bench/production-size.sh [--sizes "100000 1000000 10000000"] [-- extra rehearse options]
#   CUTOVER=path/to/command  what runs "rehearse" (default: ./cutover, which builds the CLI when sources changed)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/lib.sh
source "$root/scripts/lib.sh"
select_jdk

sizes="100000 1000000 10000000"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: bash bench/production-size.sh [--sizes \"N1 N2 ...\"] [-- extra rehearse options]" >&2; exit 2 ;;
  esac
done
cutover="${CUTOVER:-$root/cutover}"
out="$root/bench/target/production-size"
mkdir -p "$out"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) at the start"
dirs=()
for n in $sizes; do
  dir="$out/rows-$n"
  rm -rf "$dir" && mkdir -p "$dir"
  started=$(date +%s)
  echo "rows $n: rehearsing (log: $dir/run.log) ..."
  set +e
  "$cutover" rehearse --rows "$n" --report "$dir" --no-progress "${extra[@]}" >"$dir/run.log" 2>&1
  rc=$?
  set -e
  echo "rows $n: exit $rc after $(( $(date +%s) - started )) s; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  grep -E '^(fence → switch|write unavailable|production estimate|database) ' "$dir/run.log" | sed 's/^/  /' || true
  dirs+=("$dir")
done
echo
jar="$root/cli/target/cutover-cli.jar"
exec "$JAVA_HOME/bin/java" -cp "$jar" "$root/bench/production-size/ProductionSizeTable.java" "${dirs[@]}"
