#!/usr/bin/env bash
# Benchmark of the rollback's table copy (PgTableCopy: the tables a reverse DMS task left behind, copied from the
# fenced target onto the source by primary key): at several table sizes, its time against a baseline measured in the
# same run on the same rows (a plain COPY reload into an empty table), their ratio, rows per second, and how many rows
# fit the copy's budget under the default drain timeout. Two embedded PostgreSQL servers on this machine.
#
# Usage: bash bench/table-copy.sh [--sizes "10000 100000 1000000"]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/lib.sh
source "$root/scripts/lib.sh"
select_jdk

sizes="10000 100000 1000000"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    *) echo "usage: bash bench/table-copy.sh [--sizes \"N1 N2 ...\"]" >&2; exit 2 ;;
  esac
done

jar="$root/cli/target/cutover-cli.jar"
if [ ! -f "$jar" ]; then
  echo "building the CLI (mvn -pl cli -am package -DskipTests) ..."
  (cd "$root" && mvn -B -ntp -q -o -pl cli -am package -DskipTests) \
    || (cd "$root" && mvn -B -ntp -q -pl cli -am package -DskipTests)
fi
out="$root/bench/target/table-copy"
rm -rf "$out" && mkdir -p "$out"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); jar built $(date -r "$jar" '+%F %T')"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -cp "$jar" "$root/bench/table-copy/TableCopyBench.java" "$out" $sizes
