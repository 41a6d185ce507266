// The first worksheet of an .xlsx file, streamed: the zip entries are inflated chunk by chunk
// (minizip) into an event parser (expat), so a 100+ MB sheet of a million rows is never held
// whole. Shared strings are kept (they are referenced from anywhere in the sheet), packed into
// one buffer.
//
// Cell text: shared strings (rich-text runs joined, phonetic runs left out), inline strings,
// formula results, TRUE/FALSE for booleans, numbers as Excel shows them in General format
// (at most 15 significant digits), and numbers in date-formatted cells as YYYY-MM-DD (with
// " HH:MM:SS" when a date-time has a time, HH:MM:SS for times), 1900 and 1904 date systems.
// An ID number that Excel already turned into a number (1.10105E+17) is beyond repair and
// comes back as Excel stored it.
#pragma once
#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "core/tabular/table_reader.hpp"

namespace jiceng::core::tabular {

inline constexpr std::uint64_t kMaxSharedStrings = 16'000'000;
inline constexpr std::uint64_t kMaxSharedStringBytes = std::uint64_t{512} << 20;

struct XlsxLimits {
  // Largest inflated size of any part read (sheet, shared strings, styles); larger, declared or
  // actual, is import.file.too_large. Zip bombs inflate a few KB into many GB.
  std::uint64_t max_part_bytes = std::uint64_t{2} << 30;
  // Shared strings are held in memory for the whole read (4 bytes each plus their text): more
  // of them, or more text, is import.file.too_large. A million-row resident list holds a few
  // million strings and some hundred MB; "<si/>" repeated would otherwise cost 4 bytes per 5.
  std::uint64_t max_shared_strings = kMaxSharedStrings;
  std::uint64_t max_shared_string_bytes = kMaxSharedStringBytes;
};

core::Result<void> ReadXlsx(const std::string& path, const RowHandler& on_row,
                            const ProgressHandler& progress = {}, const XlsxLimits& limits = {});

}  // namespace jiceng::core::tabular
