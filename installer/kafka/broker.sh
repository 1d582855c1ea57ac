#!/usr/bin/env bash
# A real, throwaway Apache Kafka broker for the tests: one KRaft node that is broker and controller
# at once (no ZooKeeper), listening on 127.0.0.1 only.
#
#   installer/kafka/broker.sh start DIR PORT   format DIR (first time only) and start the broker on
#                                               127.0.0.1:PORT, in the background; returns once it
#                                               answers (kcat -L), printing its pid
#   installer/kafka/broker.sh stop DIR         stop it: SIGTERM, then SIGKILL after 20 s
#   installer/kafka/broker.sh wait DIR         wait until DIR's broker answers (after KAFKA_NO_WAIT=1)
#   installer/kafka/broker.sh tool CLASS ARGS  run one of Kafka's tools with the same java and jars,
#                                               e.g. org.apache.kafka.tools.consumer.group.ConsumerGroupCommand
#
# DIR holds everything: server.properties, log4j2.properties, server.log (the broker's log),
# stdout.log, broker.pid, cluster.id, controller.port and data/ (the topics). Starting again on the
# same DIR keeps the data. The controller listens on another free port, kept in DIR/controller.port.
#
# Environment:
#   KAFKA_LIBS           folder of the Kafka jars (default: what installer/kafka/fetch.sh prints)
#   MTGA_CACHE           cache folder for fetch.sh (default ${XDG_CACHE_HOME:-$HOME/.cache}/mtga)
#   JAVA                 java to run (default: $JAVA_HOME/bin/java, else java on PATH; needs 17+)
#   KAFKA_HEAP_OPTS      default: -Xms64m -Xmx256m
#   KAFKA_JVM_OPTS       default: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
#                        (serial GC and C1 only: starts ~30 % faster and takes less memory than G1/C2)
#   KAFKA_CDS            1 (default): the first broker that runs for a given java and jar set dumps
#                        the classes it loaded to an AppCDS archive when `broker.sh stop` stops it
#                        (that stop takes ~5 s more); later brokers start from it, ~2-3 s faster.
#                        0: no archive.
#   KAFKA_START_TIMEOUT  seconds to wait for the broker to answer (default 60)
#   KAFKA_NO_WAIT        1: `start` returns once the broker runs, without waiting for it to answer
#                        (the nodes of a cluster must all run before any of them answers);
#                        `broker.sh wait DIR` waits then
# A cluster of several nodes (each broker and controller) starts each node with the same
#   KAFKA_CLUSTER_ID     the cluster's id (a Kafka Uuid: 22 URL-safe base64 characters)
#   KAFKA_VOTERS         every node's controller: "1@127.0.0.1:P1,2@127.0.0.1:P2,3@127.0.0.1:P3"
# and its own
#   KAFKA_NODE_ID        1, 2, 3 ... (default 1)
#   KAFKA_CONTROLLER_PORT  its controller's port in KAFKA_VOTERS (default: a free port)
# and KAFKA_REPLICATION (default 1), the replicas of the internal topics (group offsets ...), so
# that one node's outage leaves the group coordinator to another.
#
# The tools run the same way, e.g. java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand
#   --bootstrap-server 127.0.0.1:PORT --create --topic t --partitions 4 --replication-factor 1
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf 'kafka broker: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { sed -n '5,11p' "$0" >&2; exit 2; }

java_major() { # java_major JAVA: prints the feature version (17, 21, 25...) or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//'
}

find_java() {
  local candidates=() candidate major
  [ -n "${JAVA:-}" ] && candidates+=("$JAVA")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && candidates+=("$(command -v java)")
  for candidate in /usr/lib/jvm/*/bin/java; do [ -x "$candidate" ] && candidates+=("$candidate"); done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate" || true)  # a broken java: try the next one
    if [ -n "$major" ] && [ "$major" -ge 17 ]; then
      printf '%s\n' "$candidate"
      return
    fi
  done
  die "no Java 17 or newer found (Debian: apt-get install openjdk-17-jre-headless)"
}

find_libs() {
  if [ -n "${KAFKA_LIBS:-}" ]; then
    printf '%s\n' "$KAFKA_LIBS"
  else
    "$here/fetch.sh" | tail -n 1
  fi
}

# installer/setup.sh installs kcat; a test must not run apt-get.
ensure_kcat() {
  command -v kcat >/dev/null || die "kcat not found (Debian: apt-get install kcat, or installer/setup.sh deps)"
}

listening() { # listening PORT: something accepts TCP connections on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() { # free_port EXCEPT: a port nothing listens on, other than EXCEPT
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    [ "$port" != "$1" ] && ! listening "$port" && { printf '%s\n' "$port"; return; }
  done
  die "found no free port"
}

running_pid() { # running_pid DIR: prints the pid of DIR's broker if it runs
  local dir=$1 pid
  [ -f "$dir/broker.pid" ] || return 1
  pid=$(cat "$dir/broker.pid")
  [ -n "$pid" ] && alive "$pid" || return 1
  # The pid may have been reused by another process since: make sure it is our broker.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-Dmtga.kafka.dir=$dir " || return 1
  printf '%s\n' "$pid"
}

is_broker() { # is_broker DIR PID: PID is still DIR's broker
  [ "$(running_pid "$1" 2>/dev/null || true)" = "$2" ]
}

alive() { # alive PID: the process exists and is not a zombie
  local state
  state=$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# The broker's port opens only once it is ready (unfenced): check that first, as kcat -L on a
# closed port keeps trying until its -m timeout.
answers() { listening "$1" && kcat -b "127.0.0.1:$1" -L -m 5 >/dev/null 2>&1; }

micros() { local now=${EPOCHREALTIME//[.,]/}; printf '%s\n' "$((10#$now))"; }

write_config() { # write_config DIR PORT CONTROLLER_PORT
  local dir=$1 port=$2 cport=$3
  local node=${KAFKA_NODE_ID:-1}
  local voters=${KAFKA_VOTERS:-$node@127.0.0.1:$cport}
  local replicas=${KAFKA_REPLICATION:-1}
  cat >"$dir/server.properties" <<EOF
# Written by installer/kafka/broker.sh: one KRaft node, broker and controller, for tests.
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=$replicas
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=$replicas
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The log cleaner (for __consumer_offsets) takes 128 MiB of heap by default: too much for -Xmx256m.
log.cleaner.dedupe.buffer.size=16777216
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
# Retention tests: segments are checked (and deleted) every second, from the start.
log.retention.check.interval.ms=1000
log.initial.task.delay.ms=1000
log.segment.delete.delay.ms=1000
EOF
  cat >"$dir/log4j2.properties" <<EOF
# Written by installer/kafka/broker.sh (Kafka 4.x logs through log4j2).
status = warn
# Keep logging while Kafka shuts down (log4j2 would stop at the first shutdown hook).
shutdownHook = disable
appender.file.type = File
appender.file.name = file
appender.file.fileName = $dir/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
EOF
}

start() {
  local dir=$1 port=$2
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65536 ] || die "bad port '$port'"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local pid
  if pid=$(running_pid "$dir"); then
    if [ "$(cat "$dir/broker.port" 2>/dev/null)" = "$port" ] && answers "$port"; then
      say "already running in $dir on 127.0.0.1:$port (pid $pid)"
      printf '%s\n' "$pid"
      return
    fi
    die "a broker already runs in $dir (pid $pid), not on port $port: stop it first"
  fi
  rm -f "$dir/broker.pid"
  ensure_kcat
  listening "$port" && die "something already listens on 127.0.0.1:$port"

  local java libs cport
  java=$(find_java)
  libs=$(find_libs)
  [ -d "$libs" ] || die "no Kafka jars in '$libs'"
  cport=${KAFKA_CONTROLLER_PORT:-$(cat "$dir/controller.port" 2>/dev/null || true)}
  if [ -z "${KAFKA_CONTROLLER_PORT:-}" ] && { [ -z "$cport" ] || [ "$cport" = "$port" ] || listening "$cport"; }; then
    cport=$(free_port "$port")
  fi
  printf '%s\n' "$cport" >"$dir/controller.port"
  printf '%s\n' "$port" >"$dir/broker.port"
  write_config "$dir" "$port" "$cport"

  local heap=${KAFKA_HEAP_OPTS:--Xms64m -Xmx256m}
  local opts=${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
  opts+=" -Djava.awt.headless=true"
  # shellcheck disable=SC2206 # the options are words on purpose
  local jvm=($heap $opts "-Dlog4j2.configurationFile=$dir/log4j2.properties" "-Dkafka.logs.dir=$dir"
             "-Dmtga.kafka.dir=$dir" -cp "$libs/*")

  local cds=() dump=()
  rm -f "$dir/cds.pending"
  local cdsdir
  cdsdir=$(dirname "$libs")/cds
  if [ "${KAFKA_CDS:-1}" = 1 ] && mkdir -p "$cdsdir" 2>/dev/null && [ -w "$cdsdir" ]; then
    # One archive per java build and jar set; a JVM ignores an archive that another one made.
    local archive key
    key=$( { readlink -f "$java"; "$java" -version 2>&1; ls -l "$libs"; } | sha256sum | cut -c1-16)
    archive=$cdsdir/broker-$key.jsa
    if [ -s "$archive" ]; then
      cds=("-XX:SharedArchiveFile=$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
      jvm+=("${cds[@]}")
    elif exec 8>"$archive.lock" && flock -n 8; then
      # This broker makes the archive at its exit; the java process keeps the lock (fd 8) till then.
      # `stop` renames the .partial file once the broker has exited of itself.
      dump=("-XX:ArchiveClassesAtExit=$archive.partial" -Xlog:cds=off -Xlog:cds+dynamic=off)
      printf '%s\n' "$archive" >"$dir/cds.pending"
    fi
  fi
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster
    # A cluster id is a Kafka Uuid: 16 random bytes, URL-safe base64 without padding. Like
    # Kafka's Uuid.randomUuid(), avoid a leading '-': the tool would take it for an option.
    [[ "${KAFKA_CLUSTER_ID:-}" == -* ]] && die "KAFKA_CLUSTER_ID must not start with '-'"
    cluster=${KAFKA_CLUSTER_ID:--}
    while [[ "$cluster" == -* ]]; do
      cluster=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    done
    printf '%s\n' "$cluster" >"$dir/cluster.id"
    say "formatting $dir/data (cluster id $cluster)"
    "$java" "${jvm[@]}" kafka.tools.StorageTool format --config "$dir/server.properties" \
      --cluster-id "$cluster" >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; die "format failed"; }
  fi

  say "starting Kafka ($(basename "$(dirname "$libs")")) on 127.0.0.1:$port, controller on 127.0.0.1:$cport, log in $dir/server.log"
  local started
  started=$(micros)
  "$java" "${jvm[@]}" "${dump[@]}" kafka.Kafka "$dir/server.properties" </dev/null >"$dir/stdout.log" 2>&1 &
  pid=$!
  exec 8>&-
  printf '%s\n' "$pid" >"$dir/broker.pid"

  printf '%s\n' "$started" >"$dir/started.us"
  if [ "${KAFKA_NO_WAIT:-0}" = 1 ]; then
    say "running (pid $pid); \`broker.sh wait $dir\` waits until it answers"
    printf '%s\n' "$pid"
    return
  fi
  wait_answer "$dir"
}

wait_answer() { # wait_answer DIR: until DIR's broker answers, or it dies, or the time is up
  local dir=$1 pid port started
  dir=$(cd "$dir" && pwd)
  pid=$(cat "$dir/broker.pid" 2>/dev/null) || die "no broker was started in $dir"
  port=$(cat "$dir/broker.port")
  started=$(cat "$dir/started.us" 2>/dev/null || micros)
  local deadline=$(( SECONDS + ${KAFKA_START_TIMEOUT:-60} ))
  until answers "$port"; do
    if ! alive "$pid"; then
      tail -n 30 "$dir/stdout.log" "$dir/server.log" >&2 2>/dev/null || true
      rm -f "$dir/broker.pid"
      die "the broker exited before it answered"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
      stop "$dir"
      die "the broker did not answer on 127.0.0.1:$port within ${KAFKA_START_TIMEOUT:-60} s"
    fi
    sleep 0.2
  done
  say "answering on 127.0.0.1:$port after $(( ($(micros) - started) / 1000 )) ms (pid $pid)"
  printf '%s\n' "$pid"
}

stop() {
  local dir=$1 pid
  [ -d "$dir" ] || die "no folder '$dir'"
  dir=$(cd "$dir" && pwd)
  if ! pid=$(running_pid "$dir"); then
    say "no broker runs in $dir"
    rm -f "$dir/broker.pid"
    return
  fi
  say "stopping the broker in $dir (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  # Checked by its command line each time: once the broker is gone its pid may be another's.
  local deadline=$(( SECONDS + 20 ))
  while is_broker "$dir" "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  local killed=0
  if is_broker "$dir" "$pid"; then
    say "still running after 20 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while is_broker "$dir" "$pid"; do sleep 0.1; done
    killed=1
  fi
  if [ -f "$dir/cds.pending" ]; then
    local archive
    archive=$(cat "$dir/cds.pending")
    if [ "$killed" = 0 ] && [ -s "$archive.partial" ]; then
      mv -f "$archive.partial" "$archive"
      say "class archive for faster starts: $archive"
    else
      rm -f "$archive.partial"
    fi
    rm -f "$dir/cds.pending"
  fi
  rm -f "$dir/broker.pid"
  say "stopped"
}

tool() {
  local java libs
  java=$(find_java)
  libs=$(find_libs)
  # Quiet: the tools' own log4j2 default would print a warning about a missing configuration.
  exec "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR \
    -Dlog4j2.statusLoggerLevel=OFF -cp "$libs/*" "$@"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  wait) [ $# -eq 2 ] || usage; wait_answer "$2" ;;
  tool) [ $# -ge 2 ] || usage; shift; tool "$@" ;;
  *) usage ;;
esac
