# Finds every third-party library mtga uses. Each one that is missing stops configure with the
# Debian package that provides it, so a newcomer knows exactly what to install.

function(mtga_require_package name debian_package)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR
      "mtga needs ${name}, which was not found.\n"
      "On Debian 12 install it with: sudo apt-get install ${debian_package}\n"
      "(installer/setup.sh installs every dependency for you.)")
  endif()
endfunction()

find_package(Qt6 6.4 QUIET COMPONENTS Core Network HttpServer Widgets Charts Test LinguistTools)
foreach(component Core Network HttpServer Widgets Charts Test LinguistTools)
  if(NOT Qt6${component}_FOUND)
    set(Qt6_FOUND FALSE)
  endif()
endforeach()
mtga_require_package(Qt6
  "qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev libgl-dev")

find_package(RocksDB CONFIG QUIET)
mtga_require_package(RocksDB librocksdb-dev)

find_package(Snappy CONFIG QUIET)
mtga_require_package(Snappy libsnappy-dev)

find_package(yaml-cpp CONFIG QUIET)
mtga_require_package(yaml-cpp libyaml-cpp-dev)

find_package(simdjson CONFIG QUIET)
mtga_require_package(simdjson libsimdjson-dev)

find_package(PkgConfig QUIET)
mtga_require_package(PkgConfig pkg-config)
# librdkafka ships no CMake config on Debian, only a pkg-config file.
pkg_check_modules(rdkafka QUIET IMPORTED_TARGET rdkafka>=2.0)
mtga_require_package(rdkafka librdkafka-dev)
# xxHash (XXH3-128) makes the deterministic #uuid; Debian ships only a pkg-config file.
pkg_check_modules(xxhash QUIET IMPORTED_TARGET libxxhash>=0.8)
mtga_require_package(xxhash libxxhash-dev)

if(MTGA_BUILD_TESTS)
  find_package(benchmark CONFIG QUIET)
  mtga_require_package(benchmark libbenchmark-dev)
endif()
