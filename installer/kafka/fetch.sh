#!/usr/bin/env bash
# Fetches the jars of a real Apache Kafka broker (and its tools) from Maven Central, once.
#
#   installer/kafka/fetch.sh [CACHE]     CACHE defaults to $MTGA_CACHE, else
#                                         ${XDG_CACHE_HOME:-$HOME/.cache}/mtga
#
# The jars go to CACHE/kafka-VERSION/libs, VERSION being <kafka.version> in pom.xml beside this
# script. A marker file (CACHE/kafka-VERSION/complete) holds the pom's checksum: while it matches,
# nothing is fetched again. Progress goes to stderr; stdout gets one line, the libs folder, so
#   libs=$(installer/kafka/fetch.sh)
# works. Needs mvn (Debian: maven) and a JDK; the broker itself needs Java 17 or newer.
# MTGA_MAVEN_ARGS: more arguments for mvn, e.g. -Dmaven.repo.local=DIR (default: ~/.m2/repository).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pom=$here/pom.xml
say() { printf 'kafka fetch: %s\n' "$*" >&2; }

cache=${1:-${MTGA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mtga}}
version=$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$pom" | head -n 1)
[ -n "$version" ] || { say "no <kafka.version> in $pom"; exit 1; }

home=$cache/kafka-$version
libs=$home/libs
marker=$home/complete
want=$(sha256sum "$pom" | cut -d' ' -f1)

is_complete() {
  [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ] \
    && [ -f "$libs/kafka_2.13-$version.jar" ] && [ -f "$libs/kafka-tools-$version.jar" ]
}

if is_complete; then
  say "Kafka $version is already in $libs"
  printf '%s\n' "$libs"
  exit 0
fi

command -v mvn >/dev/null || { say "mvn not found (Debian: apt-get install maven)"; exit 1; }
mkdir -p "$home"

# Two fetches at once (parallel tests) must not write the same folder: the second one waits.
exec 9>"$home/fetch.lock"
if command -v flock >/dev/null; then
  flock 9
  if is_complete; then
    say "Kafka $version was fetched meanwhile into $libs"
    printf '%s\n' "$libs"
    exit 0
  fi
fi

staging=$home/libs.partial
rm -rf "$staging" "$marker"
say "fetching Kafka $version and its dependencies from Maven Central into $libs"
started=$(date +%s)
# Maven's output goes to a log, shown (without Debian's mvn colour codes) only if it fails.
# shellcheck disable=SC2086 # MTGA_MAVEN_ARGS holds words on purpose (e.g. -Dmaven.repo.local=DIR)
if ! mvn -B -q -Dstyle.color=never ${MTGA_MAVEN_ARGS:-} -f "$pom" dependency:copy-dependencies \
  -DoutputDirectory="$staging" >"$home/fetch.log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$home/fetch.log" >&2
  say "mvn failed (log: $home/fetch.log)"
  exit 1
fi
for jar in "kafka_2.13-$version.jar" "kafka-tools-$version.jar" "kafka-clients-$version.jar"; do
  [ -f "$staging/$jar" ] || { say "$jar is missing from what Maven fetched"; exit 1; }
done
rm -rf "$libs"
mv "$staging" "$libs"
printf '%s\n' "$want" >"$marker"
say "fetched $(find "$libs" -name '*.jar' | wc -l) jars ($(du -sh "$libs" | cut -f1)) in $(( $(date +%s) - started )) s"
printf '%s\n' "$libs"
