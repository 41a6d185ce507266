# Build accelerators, each measured in docs/performance.md ("Build") by bench/build_times.sh:
# ccache when present, lld as the linker, light debug info, precompiled headers and unity
# builds batched by folder. Each has an option so that its effect can be measured alone.
option(JICENG_CCACHE "Use ccache as the compiler launcher when it is installed" ON)
option(JICENG_LLD "Link with lld when the compiler accepts it" ON)
option(JICENG_PCH "Precompile the headers every translation unit includes" ON)
option(JICENG_LIGHT_DEBUG "RelWithDebInfo with -g1 (line tables) instead of full DWARF" ON)

find_program(JICENG_CCACHE_PROGRAM ccache)
if(JICENG_CCACHE AND JICENG_CCACHE_PROGRAM)
  # Without this sloppiness ccache never reuses a compilation that includes a precompiled
  # header (measured: a warm-cache clean build was no faster than a cold one).
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      ${JICENG_CCACHE_PROGRAM})
endif()

include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" JICENG_HAS_LLD)
if(JICENG_LLD AND JICENG_HAS_LLD)
  add_link_options(-fuse-ld=lld)
endif()

# -g1: line tables for backtraces and profilers, a fraction of full DWARF's size and time.
if(JICENG_LIGHT_DEBUG)
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g1 -DNDEBUG" CACHE STRING "" FORCE)
else()
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g -DNDEBUG" CACHE STRING "" FORCE)
endif()

# The headers nearly every translation unit includes; extra arguments add a target's own.
function(jiceng_precompile target)
  if(NOT JICENG_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE
    <algorithm> <atomic> <charconv> <chrono> <cstdint> <cstdio> <filesystem> <fstream>
    <functional> <map> <memory> <mutex> <optional> <set> <string> <string_view> <unordered_map>
    <utility> <vector>
    <nlohmann/json.hpp> <fmt/format.h> <spdlog/spdlog.h>
    "${CMAKE_SOURCE_DIR}/server/core/result.hpp"
    "${CMAKE_SOURCE_DIR}/server/core/db/database.hpp"
    ${ARGN})
endfunction()

# One unity group per source folder, split into batches of at most JICENG_UNITY_BATCH files so
# that touching one file recompiles a handful, not a whole module. Files that must stand alone
# (Beast's server.cpp) set SKIP_UNITY_BUILD_INCLUSION.
set(JICENG_UNITY_BATCH 6 CACHE STRING "Most source files in one unity batch")
function(jiceng_unity_by_folder target sources)
  if(NOT JICENG_UNITY)
    return()
  endif()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
  set(folders "")
  foreach(src IN LISTS sources)
    get_filename_component(dir ${src} DIRECTORY)
    list(APPEND folders ${dir})
  endforeach()
  list(REMOVE_DUPLICATES folders)
  foreach(dir IN LISTS folders)
    set(index 0)
    foreach(src IN LISTS sources)
      get_filename_component(src_dir ${src} DIRECTORY)
      if(src_dir STREQUAL dir)
        math(EXPR batch "${index} / ${JICENG_UNITY_BATCH}")
        file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${dir})
        string(REPLACE "/" "_" group "${rel}_${batch}")
        set_source_files_properties(${src} TARGET_DIRECTORY ${target} PROPERTIES UNITY_GROUP ${group})
        math(EXPR index "${index} + 1")
      endif()
    endforeach()
  endforeach()
endfunction()
