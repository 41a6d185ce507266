// Shared by the fuzz targets: the input as text, a scratch file for readers that take a path,
// and a check that aborts (libFuzzer reports it as a crash, with the input saved).
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace jiceng::fuzz {

inline std::string_view Text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property the code promises; a violation is a finding like a crash.
#define JICENG_FUZZ_CHECK(cond)                                                           \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

// The input written to one file per process (the readers stream from a path, as an upload is
// stored before it is imported). In /dev/shm when there is one: no disk writes per input.
inline const std::string& ScratchFile(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    static std::string p = std::string(dir) + "/jiceng-fuzz-" + std::to_string(getpid());
    std::atexit([] { unlink(p.c_str()); });
    return p;
  }();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  return path;
}

// Whether every byte of s is one of allowed.
inline bool AsciiOnly(std::string_view s, std::string_view allowed) {
  for (char c : s)
    if (allowed.find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace jiceng::fuzz
