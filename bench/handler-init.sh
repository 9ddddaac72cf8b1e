#!/usr/bin/env bash
# Handler cold-start benchmark, from one run:
#   1. the size of functions/handlers/target/cutover-functions.jar (goal <= 20 MB; biggest packages listed if over),
#   2. JVM launch -> clients built -> first call served, for our ReadinessPoll function vs a naive baseline built
#      with the SDK's defaults (XxxClient.create(): Apache HTTP client, default region and credential chains),
#      each in fresh JVMs, alternating, several repetitions; medians and the ratio ours/baseline (goal <= 0.5);
#      and the floor (FloorProbe: one SSM client, one ObjectMapper, the one call, nothing of ours, from our jar),
#      which shows how much of the time is the JVM, TLS set-up, Jackson and the SDK rather than our code,
#   3. requests per readiness poll for 50 DMS tasks (goal <= 2 steady state, 3 on the first poll).
# Everything runs against a local stub on 127.0.0.1; nothing reaches AWS.
#
# Usage: bash bench/handler-init.sh [--reps N] [--rebuild]
#   --reps N     repetitions per function (default 7)
#   --rebuild    rebuild the shaded jar even if it exists
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/lib.sh
source "$root/scripts/lib.sh"
select_jdk

reps=7
rebuild=false
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --rebuild) rebuild=true; shift ;;
    *) echo "usage: bash bench/handler-init.sh [--reps N] [--rebuild]" >&2; exit 2 ;;
  esac
done

jar="$root/functions/handlers/target/cutover-functions.jar"
out="$root/bench/target"
naive_lib="$out/naive-lib"
classes="$out/classes"

# Offline first (the usual case once ./build has run), then from Maven Central.
mvn_quiet() {
  (cd "$root" && mvn -B -ntp -q -o "$@") || (cd "$root" && mvn -B -ntp -q "$@")
}

if $rebuild || [ ! -f "$jar" ]; then
  echo "building the shaded jar (mvn -pl functions/handlers -am package -DskipTests) ..."
  mvn_quiet -pl functions/handlers -am package -DskipTests
fi

if [ ! -d "$naive_lib" ] || [ "$root/bench/pom.xml" -nt "$naive_lib" ]; then
  echo "copying the naive baseline's libraries into bench/target/naive-lib ..."
  rm -rf "$naive_lib"
  mvn_quiet -f bench/pom.xml dependency:copy-dependencies -DoutputDirectory="$naive_lib" -DincludeScope=runtime
fi

rm -rf "$classes" && mkdir -p "$classes"
javac --release 21 -nowarn -d "$classes" -cp "$naive_lib/*:$jar" "$root"/bench/src/io/cutover/bench/*.java

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); jar built $(date -r "$jar" '+%F %T')"
echo
exec "$JAVA_HOME/bin/java" -cp "$classes:$jar" io.cutover.bench.HandlerInitBench "$root" "$jar" "$classes" "$naive_lib" "$reps"
