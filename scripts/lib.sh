# Shared by ./build, ./cutover and .ci/run. Sourced, not executed.

# Selects a JDK >= 21: the build compiles for the Lambda java21 runtime and the default JDK here is 17.
select_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the warning is noise, not a fault.
      if [ "${version%%.*}" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ JDK, and set JAVA_HOME." >&2
  return 1
}

# Node >= 22 for aws-local-stepfunctions; installed from the npm registry as the 'node' package
# into statemachine/node_modules when the machine's node is older.
repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

install_node_tools() {
  local root; root=$(repo_root)
  if [ ! -d "$root/statemachine/node_modules" ] || [ "$root/statemachine/package-lock.json" -nt "$root/statemachine/node_modules/.package-lock.json" ]; then
    (cd "$root/statemachine" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  # The Route 53 client Lambda's Node.js runtime gives CDK's AwsCustomResource handler (WeightedRecordsHandlerIT).
  local handler_test="$root/infra-cdk/src/test/node"
  if [ ! -d "$handler_test/node_modules" ] || [ "$handler_test/package-lock.json" -nt "$handler_test/node_modules/.package-lock.json" ]; then
    (cd "$handler_test" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  # The IAM simulator and its Service Authorization Reference data, pinned (docs/iam-simulation.md).
  if [ -f "$root/iam-simulation/package-lock.json" ] && { [ ! -d "$root/iam-simulation/node_modules" ] \
      || [ "$root/iam-simulation/package-lock.json" -nt "$root/iam-simulation/node_modules/.package-lock.json" ]; }; then
    (cd "$root/iam-simulation" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
}
