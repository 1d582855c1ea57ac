#!/usr/bin/env bash
# mtga setup: installs what is missing (Debian 12), builds, and runs the demo or the test suite.
# It is idempotent: run it as often as you like; it only installs and rebuilds what is needed.
#
#   installer/setup.sh demo    build (release) and run `mtga demo`, plus the console on a display
#   installer/setup.sh test    build and run the whole test suite: dev preset, then asan preset
#   installer/setup.sh build [PRESET...]   build only (default: release)
#   installer/setup.sh deps    install the Debian packages and fetch the Kafka broker's jars only
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev
  qt6-qpa-plugins libgl-dev
  librdkafka-dev libsnappy-dev librocksdb-dev libsimdjson-dev libyaml-cpp-dev libxxhash-dev
  libbenchmark-dev clang clang-format kcat xvfb ccache
  # /metrics (Qt HTTP Server) and the tests' `promtool check metrics`.
  qt6-httpserver-dev qt6-websockets-dev prometheus
  # The console's SVG icons (the icon engine and image format plugins).
  qt6-svg-dev
  # The tests' real Apache Kafka broker (installer/kafka/): Java to run it, Maven to fetch it.
  openjdk-17-jre-headless maven
)

say() { printf 'setup: %s\n' "$*"; }

install_packages() {
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "all ${#packages[@]} Debian packages are installed"
    return
  fi
  say "installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "run as root or install sudo"; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  say "installed ${#missing[@]} package(s)"
}

# The jars of the tests' real Kafka broker, from Maven Central into ~/.cache/mtga (once): fetched
# here so that no test waits for a first download.
fetch_kafka() {
  "$top/installer/kafka/fetch.sh" >/dev/null \
    || say "could not fetch Kafka's jars (see above): the realkafka tests will fail"
}

# ccache keyed on paths relative to the checkout (and not on the build folder's own path), so a
# fresh checkout elsewhere, as CI's, reuses what an earlier build compiled.
export CCACHE_BASEDIR="$top" CCACHE_NOHASHDIR=true

build_preset() {
  local preset=$1
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  say "configuring and building preset '$preset' in build/$preset"
  cmake --preset "$preset" "${launcher[@]}" >/dev/null
  cmake --build --preset "$preset"
}

test_preset() {
  local preset=$1
  build_preset "$preset"
  say "running the tests of preset '$preset'"
  ctest --preset "$preset"
}

run_demo() {
  build_preset release
  local console_pid=""
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    say "starting mtga-console, connected to the demo worker (it connects once the worker is up)"
    build/release/gui/mtga-console --connect data/demo/mtga.sock &
    console_pid=$!
  else
    say "no display: running the worker side only (the console needs DISPLAY or WAYLAND_DISPLAY)"
  fi
  local status=0
  build/release/worker/mtga demo "$@" || status=$?
  if [ -n "$console_pid" ]; then
    kill "$console_pid" 2>/dev/null || true
  fi
  return "$status"
}

mode=${1:-build}
shift || true
case "$mode" in
  deps)
    install_packages
    fetch_kafka
    ;;
  build)
    install_packages
    presets=("$@")
    [ ${#presets[@]} -gt 0 ] || presets=(release)
    for preset in "${presets[@]}"; do build_preset "$preset"; done
    ;;
  demo)
    install_packages
    run_demo "$@"
    ;;
  test)
    install_packages
    fetch_kafka
    for preset in ${MTGA_TEST_PRESETS:-dev asan}; do test_preset "$preset"; done
    say "all tests passed"
    ;;
  *)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
