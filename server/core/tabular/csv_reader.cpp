#include "core/tabular/csv_reader.hpp"

#include <unicode/ucnv.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "core/tabular/reader_support.hpp"
#include "core/text/utf8.hpp"

namespace jiceng::core::tabular {

namespace {

using internal::BadFormat;
using internal::FieldTooLarge;
using internal::TooManyColumns;
using internal::Unreadable;

constexpr std::size_t kCsvChunkBytes = 1 << 20;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// RFC 4180 record splitter over UTF-8 text, fed in chunks. Lenient where Excel is lenient: a
// quote inside an unquoted field, or text after a closing quote, is kept as written.
class CsvParser {
 public:
  explicit CsvParser(const RowHandler& on_row) : on_row_(on_row) {}

  bool stopped() const { return stopped_; }
  // Why the parser stopped, when a cap was passed (see table_reader.hpp).
  const std::optional<DomainError>& error() const { return error_; }

  // False when on_row asked to stop or a cap was passed (error()).
  bool Feed(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      char c = p[i];
      if (skip_lf_) {
        skip_lf_ = false;
        if (c == '\n') continue;
      }
      switch (state_) {
        case State::kQuoted:
          if (c == '"') {
            state_ = State::kQuoteInQuoted;
          } else {
            // Copy the run up to the next quote at once: quoted fields are where long text is.
            const char* q = static_cast<const char*>(std::memchr(p + i, '"', n - i));
            std::size_t end = q ? static_cast<std::size_t>(q - p) : n;
            field_.append(p + i, end - i);
            i = end - 1;
            if (field_.size() > kMaxFieldBytes)
              return Fail(FieldTooLarge(record_ + 1, row_.size()));
          }
          break;
        case State::kQuoteInQuoted:
          if (c == '"') {
            field_ += '"';
            state_ = State::kQuoted;
            if (field_.size() > kMaxFieldBytes)
              return Fail(FieldTooLarge(record_ + 1, row_.size()));
            break;
          }
          state_ = State::kUnquoted;
          [[fallthrough]];
        case State::kFieldStart:
        case State::kUnquoted:
          if (c == ',') {
            EndField();
            if (error_) return Fail(*error_);
          } else if (c == '\n' || c == '\r') {
            skip_lf_ = c == '\r';
            if (!EndRecord()) {
              stopped_ = true;
              return false;
            }
          } else if (c == '"' && state_ == State::kFieldStart) {
            state_ = State::kQuoted;
          } else {
            field_ += c;
            state_ = State::kUnquoted;
            if (field_.size() > kMaxFieldBytes)
              return Fail(FieldTooLarge(record_ + 1, row_.size()));
          }
          break;
      }
    }
    return true;
  }

  Result<void> Finish() {
    if (state_ == State::kQuoted) {
      return BadFormat("CSV 第 " + std::to_string(record_ + 1) + " 行的引号没有闭合");
    }
    // The last line may lack a line end; an empty last "line" after one is no record.
    if (state_ != State::kFieldStart || !row_.empty()) EndRecord();
    if (error_) return *error_;
    return {};
  }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

  bool Fail(DomainError e) {
    error_ = std::move(e);
    stopped_ = true;
    return false;
  }

  // Past kMaxColumns, empty fields are dropped (they would be trimmed anyway, and a line of a
  // million commas must not become a million strings); a non-empty one is an error.
  void EndField() {
    if (row_.size() < kMaxColumns) {
      row_.push_back(std::move(field_));
    } else if (!field_.empty() && !error_) {
      error_ = TooManyColumns(record_ + 1);
    }
    field_.clear();
    state_ = State::kFieldStart;
  }
  bool EndRecord() {
    EndField();
    if (error_) return Fail(*error_);
    ++record_;
    bool go_on = true;
    if (internal::TrimRow(row_)) go_on = on_row_(record_, row_);
    row_.clear();
    return go_on;
  }

  const RowHandler& on_row_;
  State state_ = State::kFieldStart;
  bool skip_lf_ = false;
  bool stopped_ = false;
  std::optional<DomainError> error_;
  std::string field_;
  Row row_;
  std::size_t record_ = 0;
};

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// GB18030 → UTF-8 in chunks; the converters carry a character split across two chunks.
class Gb18030Decoder {
 public:
  Result<void> Open() {
    UErrorCode status = U_ZERO_ERROR;
    from_.reset(ucnv_open("GB18030", &status));
    to_.reset(ucnv_open("UTF-8", &status));
    if (U_FAILURE(status)) {
      return DomainError::Internal("import.file.encoding", "无法加载 GB18030 编码转换器");
    }
    return {};
  }

  Result<void> Decode(const char* p, std::size_t n, bool last, std::string& out) {
    out.clear();
    const char* source = p;
    const char* source_end = p + n;
    std::size_t size = n * 3 / 2 + 64;  // 2 GB18030 bytes → 3 UTF-8 bytes for Han characters
    for (;;) {
      std::size_t used = out.size();
      out.resize(used + size);
      char* target = out.data() + used;
      UErrorCode status = U_ZERO_ERROR;
      ucnv_convertEx(to_.get(), from_.get(), &target, out.data() + out.size(), &source, source_end,
                     pivot_, &pivot_source_, &pivot_target_, pivot_ + kPivot, first_, last,
                     &status);
      first_ = false;
      out.resize(static_cast<std::size_t>(target - out.data()));
      if (status == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(status))
        return BadFormat("文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 xlsx");
      return {};
    }
  }

 private:
  static constexpr int kPivot = 1024;
  Converter from_;
  Converter to_;
  UChar pivot_[kPivot];
  UChar* pivot_source_ = pivot_;
  UChar* pivot_target_ = pivot_;
  bool first_ = true;
};

bool StartsWith(const unsigned char* p, std::size_t n, std::string_view prefix) {
  return n >= prefix.size() && std::memcmp(p, prefix.data(), prefix.size()) == 0;
}

}  // namespace

Result<void> ReadCsv(const std::string& path, const RowHandler& on_row,
                     const ProgressHandler& progress) {
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) return Unreadable(std::strerror(errno));
  std::vector<unsigned char> buf(kCsvChunkBytes);

  // Pass 1: what is this? Decided over the whole file, since a GBK character may first appear
  // on the millionth line.
  text::Utf8Validator utf8;
  bool valid_utf8 = true;
  bool first = true;
  std::size_t bom = 0;
  std::uint64_t total = 0;
  for (;;) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), file.get());
    if (n == 0) break;
    if (first) {
      first = false;
      if (StartsWith(buf.data(), n, "\xEF\xBB\xBF")) bom = 3;
      if (StartsWith(buf.data(), n, "\xFF\xFE") || StartsWith(buf.data(), n, "\xFE\xFF")) {
        return BadFormat("不支持 UTF-16 编码的文本文件，请另存为 CSV（UTF-8）或 xlsx");
      }
      if (StartsWith(buf.data(), n, "\xD0\xCF\x11\xE0")) {
        // Also what a password-protected .xlsx is: an encrypted package inside an OLE2 file.
        return BadFormat(
            "不支持旧版 Excel（.xls）或设置了密码的 Excel 文件，请另存为不加密的 .xlsx 后再上传");
      }
      if (StartsWith(buf.data(), n, "PK\x03\x04")) {
        return BadFormat("这是 xlsx 文件，不是 CSV 文件");
      }
    }
    total += n;
    // Text never holds NUL bytes in UTF-8 or GB18030: this is some binary file.
    if (std::memchr(buf.data(), 0, n) != nullptr) {
      return BadFormat("文件不是 CSV 或 Excel 表格，请上传 .xlsx 或 .csv 文件");
    }
    if (valid_utf8) valid_utf8 = utf8.Feed({reinterpret_cast<const char*>(buf.data()), n});
  }
  if (std::ferror(file.get())) return Unreadable();
  valid_utf8 = valid_utf8 && utf8.Complete();

  // Pass 2: parse, decoding GB18030 on the way if needed.
  Gb18030Decoder gb;
  if (!valid_utf8) JC_TRY(gb.Open());
  std::rewind(file.get());
  if (bom > 0 && std::fread(buf.data(), 1, bom, file.get()) != bom) return Unreadable();
  CsvParser parser(on_row);
  internal::Progress report(progress);
  std::uint64_t done = bom;
  std::string decoded;
  for (;;) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), file.get());
    done += n;
    bool last = n < buf.size();
    const char* text = reinterpret_cast<const char*>(buf.data());
    if (!valid_utf8) {
      JC_TRY(gb.Decode(text, n, last, decoded));
      text = decoded.data();
      n = decoded.size();
    }
    if (!parser.Feed(text, n)) {
      if (parser.error()) return *parser.error();
      break;  // on_row asked to stop
    }
    report.Report(done, total);
    if (last) break;
  }
  if (std::ferror(file.get())) return Unreadable();
  if (!parser.stopped()) JC_TRY(parser.Finish());
  report.Finish();
  return {};
}

}  // namespace jiceng::core::tabular
