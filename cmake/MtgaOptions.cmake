# mtga_options: the one INTERFACE target every mtga target links. It carries the language level,
# the warnings and the Qt defines, so no target can drift from the project's rules.
add_library(mtga_options INTERFACE)
target_compile_features(mtga_options INTERFACE cxx_std_20)
target_compile_options(mtga_options INTERFACE
  -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
  $<$<BOOL:${MTGA_WERROR}>:-Werror>)
target_compile_definitions(mtga_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_USE_QSTRINGBUILDER
  QT_NO_KEYWORDS
  QT_NO_URL_CAST_FROM_STRING
  QT_DISABLE_DEPRECATED_UP_TO=0x060400
  MTGA_VERSION_STRING="${PROJECT_VERSION}")
target_include_directories(mtga_options INTERFACE ${PROJECT_SOURCE_DIR})

if(MTGA_SANITIZE)
  target_compile_options(mtga_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(mtga_options INTERFACE -fsanitize=address,undefined)
endif()

# The fuzz preset: everything instrumented for libFuzzer's coverage (the fuzz targets add the
# libFuzzer main themselves), with ASan and UBSan.
if(MTGA_FUZZ)
  target_compile_options(mtga_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(mtga_options INTERFACE -fsanitize=address,undefined)
endif()
