#include "core/tabular/xlsx_reader.hpp"

#include <expat.h>
#include <unzip.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/tabular/reader_support.hpp"
#include "core/text/utf8.hpp"

namespace jiceng::core::tabular {

namespace {

using internal::BadFormat;
using internal::FieldTooLarge;
using internal::TooLarge;
using internal::TooManyColumns;
using internal::Unreadable;

constexpr std::size_t kXlsxChunkBytes = 256 * 1024;
constexpr std::size_t kExcelColumns = 16384;  // XFD, Excel's last column

DomainError Broken(const std::string& what) {
  return BadFormat("xlsx 文件已损坏或不是 Excel 工作簿（" + what + "），请用 Excel 另存后再上传");
}

// ---------------------------------------------------------------------------------------------
// Zip access

class ZipArchive {
 public:
  ~ZipArchive() {
    if (zip_ != nullptr) unzClose(zip_);
  }

  Result<void> Open(const std::string& path) {
    // Tell "cannot open" (permissions, missing) from "not a zip" before minizip blurs the two.
    std::FILE* probe = std::fopen(path.c_str(), "rb");
    if (probe == nullptr) return Unreadable(std::strerror(errno));
    std::fclose(probe);
    zip_ = unzOpen64(path.c_str());
    if (zip_ == nullptr) return Broken("无法打开 zip 目录");
    return {};
  }

  bool Has(const std::string& name) {
    return unzLocateFile(zip_, name.c_str(), 2 /* case-insensitive, as OPC names are */) == UNZ_OK;
  }

  // The inflated size the entry claims (0 if absent); Read checks what really comes out.
  std::uint64_t DeclaredSize(const std::string& name) {
    unz_file_info64 info{};
    if (!Has(name) ||
        unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return 0;
    }
    return info.uncompressed_size;
  }

  // Inflates entry name into sink chunk by chunk; sink returns false to stop early. counted is
  // told the inflated size so far and the size the entry declares.
  Result<void> Read(const std::string& name, std::uint64_t max_bytes,
                    const std::function<bool(const char*, std::size_t)>& sink,
                    const std::function<void(std::uint64_t, std::uint64_t)>& counted) {
    if (!Has(name)) return Broken("缺少 " + name);
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return Broken(name);
    }
    if (info.uncompressed_size > max_bytes) return TooLargePart(name);
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return Broken(name);
    std::vector<char> buf(kXlsxChunkBytes);
    std::uint64_t total = 0;
    bool stopped = false;
    for (;;) {
      int n = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        return Broken(name);
      }
      if (n == 0) break;
      total += static_cast<std::uint64_t>(n);
      // The declared size can lie; what counts is what actually comes out.
      if (total > max_bytes) {
        unzCloseCurrentFile(zip_);
        return TooLargePart(name);
      }
      if (counted) counted(total, info.uncompressed_size);
      if (!sink(buf.data(), static_cast<std::size_t>(n))) {
        stopped = true;
        break;
      }
    }
    // The CRC is checked only when the entry was read to its end.
    if (unzCloseCurrentFile(zip_) == UNZ_CRCERROR && !stopped) return Broken(name + " 校验失败");
    return {};
  }

 private:
  static DomainError TooLargePart(const std::string& name) {
    return TooLarge("xlsx 文件中的 " + name + " 解压后过大，拒绝处理；请拆分成多个文件上传");
  }

  unzFile zip_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Streaming XML

// Names without their prefix ("x:c" → "c"). The parser is not namespace-aware on purpose: that
// would build "uri|name" strings for every element of a 100 MB sheet, and spreadsheet element
// names do not clash across the namespaces found in these parts.
std::string_view LocalName(const char* name) {
  const char* local = name;
  for (const char* p = name; *p; ++p) {
    if (*p == ':') local = p + 1;
  }
  return local;
}

// Attribute by local name, whatever its namespace prefix ("r:id" and "id" alike).
const char* Attr(const char** attrs, std::string_view local) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(const char* s, int len) {}

  // Ends parsing from inside a handler: with an error, or (none) because the reader is done.
  void Stop(std::optional<DomainError> error = std::nullopt) {
    if (stopped) return;
    stopped = true;
    this->error = std::move(error);
    XML_StopParser(parser, XML_FALSE);
  }

  XML_Parser parser = nullptr;
  bool stopped = false;
  std::optional<DomainError> error;
  std::exception_ptr exception;  // from on_row; carried across expat's C frames
};

template <typename F>
void Guarded(void* user, F&& f) {
  auto* h = static_cast<XmlHandler*>(user);
  if (h->stopped) return;
  try {
    f(h);
  } catch (...) {
    h->exception = std::current_exception();
    h->Stop();
  }
}

void XMLCALL OnStart(void* user, const XML_Char* name, const XML_Char** attrs) {
  Guarded(user, [&](XmlHandler* h) { h->Start(LocalName(name), attrs); });
}
void XMLCALL OnEnd(void* user, const XML_Char* name) {
  Guarded(user, [&](XmlHandler* h) { h->End(LocalName(name)); });
}
void XMLCALL OnText(void* user, const XML_Char* s, int len) {
  Guarded(user, [&](XmlHandler* h) { h->Text(s, len); });
}
// Spreadsheet parts have no DTD; refusing one shuts out entity tricks altogether.
void XMLCALL OnDoctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  Guarded(user, [](XmlHandler* h) { h->Stop(Broken("含有 DOCTYPE 声明")); });
}

struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

Result<void> ParsePart(ZipArchive& zip, const std::string& name, XmlHandler& handler,
                       const XlsxLimits& limits,
                       const std::function<void(std::uint64_t, std::uint64_t)>& counted = {}) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
  if (!parser) throw std::bad_alloc();
  XML_Parser p = parser.get();
  handler.parser = p;
  XML_SetUserData(p, &handler);
  XML_SetElementHandler(p, OnStart, OnEnd);
  XML_SetCharacterDataHandler(p, OnText);
  XML_SetStartDoctypeDeclHandler(p, OnDoctype);
  std::optional<DomainError> xml_error;
  auto feed = [&](const char* data, std::size_t n) {
    if (XML_Parse(p, data, static_cast<int>(n), XML_FALSE) != XML_STATUS_OK) {
      if (!handler.stopped) {
        xml_error = Broken(name + " 第 " + std::to_string(XML_GetCurrentLineNumber(p)) + " 行：" +
                           XML_ErrorString(XML_GetErrorCode(p)));
      }
      return false;
    }
    return true;
  };
  JC_TRY(zip.Read(name, limits.max_part_bytes, feed, counted));
  if (handler.exception) std::rethrow_exception(handler.exception);
  if (handler.error) return *handler.error;
  if (xml_error) return *xml_error;
  if (!handler.stopped && XML_Parse(p, nullptr, 0, XML_TRUE) != XML_STATUS_OK) {
    if (handler.exception) std::rethrow_exception(handler.exception);
    if (handler.error) return *handler.error;
    return Broken(name + "：" + XML_ErrorString(XML_GetErrorCode(p)));
  }
  if (handler.exception) std::rethrow_exception(handler.exception);
  if (handler.error) return *handler.error;
  return {};
}

// ---------------------------------------------------------------------------------------------
// Package structure: _rels/.rels → workbook → its rels → first sheet, shared strings, styles.

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
};

class RelsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    if (id && type && target) rels.push_back({id, type, target});
  }
  void End(std::string_view) override {}
};

std::string DirOf(const std::string& part) {
  auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target relative to the part that names it, as a zip entry name.
std::string Resolve(const std::string& base_dir, const std::string& target) {
  std::string joined = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "/") + s;
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const Relationship* FindType(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& r : rels) {
    if (EndsWith(r.type, suffix)) return &r;
  }
  return nullptr;
}

class WorkbookHandler : public XmlHandler {
 public:
  std::string first_sheet_rel;
  bool date1904 = false;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
    } else if (name == "sheet" && first_sheet_rel.empty()) {
      if (const char* id = Attr(attrs, "id")) first_sheet_rel = id;
    }
  }
  void End(std::string_view) override {}
};

// ---------------------------------------------------------------------------------------------
// Shared strings and the _xHHHH_ escapes OOXML uses for characters XML cannot carry.

std::optional<std::uint32_t> EscapeAt(std::string_view s, std::size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return std::nullopt;
  std::uint32_t v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    char c = s[k];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return std::nullopt;
    v = v << 4 | static_cast<std::uint32_t>(d);
  }
  return v;
}

std::string Unescape(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::optional<std::uint32_t> v = EscapeAt(s, i);
    if (!v) {
      out += s[i++];
      continue;
    }
    i += 7;
    std::uint32_t cp = *v;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::optional<std::uint32_t> low = EscapeAt(s, i);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
        i += 7;
      } else {
        continue;  // a lone surrogate has no UTF-8 form
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      continue;
    }
    text::AppendUtf8(out, cp);
  }
  return out;
}

// Text of <t> elements, leaving out phonetic guides (<rPh>), which Excel does not show in cells.
class RichText {
 public:
  void Start(std::string_view name) {
    if (name == "rPh") ++in_phonetic_;
    if (name == "t" && in_phonetic_ == 0) in_t_ = true;
  }
  void End(std::string_view name) {
    if (name == "rPh" && in_phonetic_ > 0) --in_phonetic_;
    if (name == "t") in_t_ = false;
  }
  void Text(const char* s, int len, std::string& out) const {
    if (in_t_) out.append(s, static_cast<std::size_t>(len));
  }

 private:
  int in_phonetic_ = 0;
  bool in_t_ = false;
};

class SharedStrings : public XmlHandler {
 public:
  explicit SharedStrings(const XlsxLimits& limits) : limits_(limits) {}
  std::size_t size() const { return ends_.size(); }
  std::string_view Get(std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(data_).substr(begin, ends_[i] - begin);
  }

  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si_ = true;
      current_.clear();
    } else if (in_si_) {
      text_.Start(name);
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      // One buffer for all strings: millions of small std::string would double the memory.
      if (current_.find("_x") == std::string::npos) {
        data_ += current_;  // keeps current_'s buffer for the next string
      } else {
        data_ += Unescape(current_);
      }
      if (data_.size() > UINT32_MAX || data_.size() > limits_.max_shared_string_bytes) {
        return Stop(TooLarge("xlsx 文件中的共享字符串总量超过 " +
                             std::to_string(limits_.max_shared_string_bytes >> 20) +
                             " MB，拒绝处理；请拆分成多个文件上传"));
      }
      if (ends_.size() >= limits_.max_shared_strings) {
        return Stop(TooLarge("xlsx 文件中的共享字符串超过 " +
                             std::to_string(limits_.max_shared_strings) +
                             " 个，拒绝处理；请拆分成多个文件上传"));
      }
      ends_.push_back(static_cast<std::uint32_t>(data_.size()));
      current_.clear();
    } else if (in_si_) {
      text_.End(name);
    }
  }
  void Text(const char* s, int len) override {
    if (!in_si_) return;
    text_.Text(s, len, current_);
    if (current_.size() > kMaxFieldBytes) Stop(FieldTooLarge(0, 0));
  }

 private:
  const XlsxLimits& limits_;
  std::string data_;
  std::vector<std::uint32_t> ends_;  // 4 bytes per string: "<si/>" must not cost more than 5
  std::string current_;
  RichText text_;
  bool in_si_ = false;
};

// ---------------------------------------------------------------------------------------------
// Styles: which cell formats show numbers as dates or times.

enum class NumberKind : unsigned char { kNumber, kDate, kTime, kDateTime };

// Excel's built-in formats (ECMA-376 18.8.30, plus the ids zh-CN Excel uses for 年月日 forms).
NumberKind BuiltinKind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
      id == 57 || id == 58) {
    return NumberKind::kDate;
  }
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56) {
    return NumberKind::kTime;
  }
  if (id == 22) return NumberKind::kDateTime;
  return NumberKind::kNumber;
}

// A custom format code is a date or time when, outside quotes, escapes and [colour]/[$-804]
// brackets, it uses date or time letters. [h], [mm], [ss] (elapsed time) count as time.
NumberKind CodeKind(std::string_view code) {
  bool date = false, time = false, month = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // the first section decides for positive numbers
    if (c == '"') {
      auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal or padding
    } else if (c == '[') {
      auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                              inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S')) {
        time = true;
      }
      i = close;
    } else {
      switch (c | 0x20) {  // lower case for letters
        case 'y':
        case 'd':
        case 'e':  // era year in zh/ja locales
          date = true;
          break;
        case 'h':
        case 's':
          time = true;
          break;
        case 'm':
          month = true;  // month or minute; decided below
          break;
        default:
          break;
      }
    }
  }
  if (date && time) return NumberKind::kDateTime;
  if (date || (month && !time)) return NumberKind::kDate;
  if (time) return NumberKind::kTime;
  return NumberKind::kNumber;
}

class StylesHandler : public XmlHandler {
 public:
  std::map<int, std::string> custom;  // numFmtId → formatCode
  std::vector<int> xf_formats;        // cellXfs index → numFmtId

  void Start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      if (id && code) custom[std::atoi(id)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(attrs, "numFmtId");
      xf_formats.push_back(id ? std::atoi(id) : 0);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

  std::vector<NumberKind> Kinds() const {
    std::vector<NumberKind> kinds;
    kinds.reserve(xf_formats.size());
    for (int id : xf_formats) {
      auto it = custom.find(id);
      kinds.push_back(it != custom.end() ? CodeKind(it->second) : BuiltinKind(id));
    }
    return kinds;
  }

 private:
  bool in_cell_xfs_ = false;
};

// ---------------------------------------------------------------------------------------------
// Cell values

// Excel shows at most 15 significant digits; a stored 0.30000000000000004 is 0.3 on screen.
// Integers are left alone (an 18-digit text-looking number is whatever Excel kept).
std::string NumberText(const std::string& v) {
  if (v.find_first_of("eE") != std::string::npos || v.find('.') == std::string::npos) return v;
  int significant = 0;
  bool leading = true;
  for (char c : v) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++significant;
  }
  if (significant <= 15) return v;
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0') return v;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

std::optional<std::string> DateText(const std::string& v, NumberKind kind, bool date1904) {
  using namespace std::chrono;
  char* end = nullptr;
  double serial = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0' || !(serial >= 0) || serial > 2958465.0) {
    return std::nullopt;  // negative, NaN or past 9999-12-31: not a date Excel can show
  }
  auto day = static_cast<long>(std::floor(serial));
  auto seconds = static_cast<long>(std::llround((serial - static_cast<double>(day)) * 86400.0));
  if (seconds >= 86400) {
    ++day;
    seconds -= 86400;
  }
  char buf[40];
  int ymd_y = 0;
  unsigned ymd_m = 0, ymd_d = 0;
  if (!date1904 && day == 60) {
    // Excel's 1900-02-29, kept from Lotus 1-2-3; no real date to map it to.
    ymd_y = 1900, ymd_m = 2, ymd_d = 29;
  } else {
    sys_days base = date1904   ? sys_days{1904y / January / 1}
                    : day < 60 ? sys_days{1899y / December / 31}
                               : sys_days{1899y / December / 30};
    year_month_day ymd{base + days{day}};
    ymd_y = int(ymd.year()), ymd_m = unsigned(ymd.month()), ymd_d = unsigned(ymd.day());
  }
  int h = static_cast<int>(seconds / 3600), mi = static_cast<int>(seconds / 60 % 60),
      s = static_cast<int>(seconds % 60);
  if (kind == NumberKind::kTime) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, mi, s);
  } else if (kind == NumberKind::kDateTime && seconds != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", ymd_y, ymd_m, ymd_d, h, mi, s);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", ymd_y, ymd_m, ymd_d);
  }
  return std::string(buf);
}

// "AB12" → 27 (0-based column); nullopt without letters or past XFD.
std::optional<std::size_t> ColumnOf(const char* ref) {
  std::size_t col = 0;
  int letters = 0;
  for (; *ref; ++ref) {
    char c = *ref;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return col - 1;
}

// ---------------------------------------------------------------------------------------------
// The sheet

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const RowHandler& on_row, const SharedStrings& strings,
               const std::vector<NumberKind>& kinds, bool date1904)
      : on_row_(on_row), strings_(strings), kinds_(kinds), date1904_(date1904) {}

  void Start(std::string_view name, const char** attrs) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      const char* r = Attr(attrs, "r");
      row_number_ = r ? std::strtoull(r, nullptr, 10) : row_number_ + 1;
      if (r && row_number_ == 0) return Stop(Broken("行号无效"));
      row_.clear();
      next_column_ = 0;
    } else if (name == "c") {
      in_cell_ = true;
      value_.clear();
      text_.clear();
      const char* r = Attr(attrs, "r");
      std::optional<std::size_t> col = r ? ColumnOf(r) : std::nullopt;
      if (r && !col) return Stop(Broken(std::string("单元格引用无效：") + r));
      column_ = col ? *col : next_column_;
      if (column_ >= kExcelColumns) return Stop(Broken("列数超过 Excel 上限"));
      const char* t = Attr(attrs, "t");
      type_ = t ? t : "n";
      const char* s = Attr(attrs, "s");
      style_ = s ? std::strtoul(s, nullptr, 10) : 0;
    } else if (in_cell_) {
      if (name == "v") in_v_ = true;
      if (name == "is") in_inline_ = true;
      if (in_inline_) inline_.Start(name);
    }
  }

  void End(std::string_view name) override {
    if (!in_data_) return;
    if (name == "sheetData") {
      in_data_ = false;
    } else if (name == "row") {
      if (internal::TrimRow(row_) && !on_row_(static_cast<std::size_t>(row_number_), row_)) {
        Stop();
      }
      row_.clear();
    } else if (name == "c") {
      in_cell_ = in_v_ = in_inline_ = false;
      std::optional<std::string> value = CellValue();
      if (!value) return;  // Stop was called
      if (!value->empty()) {
        if (column_ >= kMaxColumns) return Stop(TooManyColumns(row_number_));
        if (row_.size() <= column_) row_.resize(column_ + 1);
        row_[column_] = std::move(*value);
      }
      next_column_ = column_ + 1;
    } else if (name == "v") {
      in_v_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (in_inline_) {
      inline_.End(name);
    }
  }

  void Text(const char* s, int len) override {
    if (in_v_) value_.append(s, static_cast<std::size_t>(len));
    if (in_inline_) inline_.Text(s, len, text_);
    if (value_.size() > kMaxFieldBytes || text_.size() > kMaxFieldBytes) {
      Stop(FieldTooLarge(static_cast<std::size_t>(row_number_), column_));
    }
  }

 private:
  std::optional<std::string> CellValue() {
    if (type_ == "inlineStr") return Unescape(std::move(text_.empty() ? value_ : text_));
    if (type_ == "s") {
      char* end = nullptr;
      unsigned long long i = std::strtoull(value_.c_str(), &end, 10);
      if (value_.empty() || *end != '\0' || i >= strings_.size()) {
        Stop(Broken("共享字符串编号无效：" + value_));
        return std::nullopt;
      }
      return std::string(strings_.Get(static_cast<std::size_t>(i)));
    }
    if (type_ == "str") return Unescape(std::move(value_));
    if (type_ == "b") return value_.empty() ? "" : value_ == "0" ? "FALSE" : "TRUE";
    if (type_ == "e" || type_ == "d") return std::move(value_);
    if (value_.empty()) return std::string();
    NumberKind kind = style_ < kinds_.size() ? kinds_[style_] : NumberKind::kNumber;
    if (kind != NumberKind::kNumber) {
      if (std::optional<std::string> date = DateText(value_, kind, date1904_)) return date;
    }
    return NumberText(value_);
  }

  const RowHandler& on_row_;
  const SharedStrings& strings_;
  const std::vector<NumberKind>& kinds_;
  const bool date1904_;

  bool in_data_ = false;
  bool in_cell_ = false;
  bool in_v_ = false;
  bool in_inline_ = false;
  unsigned long long row_number_ = 0;
  Row row_;
  std::size_t column_ = 0;
  std::size_t next_column_ = 0;
  std::string type_;
  unsigned long style_ = 0;
  std::string value_;
  std::string text_;
  RichText inline_;
};

std::string RelsPathOf(const std::string& part) {
  auto slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + file + ".rels";
}

}  // namespace

Result<void> ReadXlsx(const std::string& path, const RowHandler& on_row,
                      const ProgressHandler& progress, const XlsxLimits& limits) {
  ZipArchive zip;
  JC_TRY(zip.Open(path));

  // The workbook is found through the package relationships; xl/workbook.xml is only the usual
  // place.
  std::string workbook_part = "xl/workbook.xml";
  if (zip.Has("_rels/.rels")) {
    RelsHandler root;
    JC_TRY(ParsePart(zip, "_rels/.rels", root, limits));
    if (const Relationship* doc = FindType(root.rels, "/officeDocument")) {
      workbook_part = Resolve("", doc->target);
    }
  }
  WorkbookHandler workbook;
  JC_TRY(ParsePart(zip, workbook_part, workbook, limits));
  if (workbook.first_sheet_rel.empty()) return Broken("工作簿中没有工作表");

  RelsHandler rels;
  JC_TRY(ParsePart(zip, RelsPathOf(workbook_part), rels, limits));
  std::string base = DirOf(workbook_part);
  std::string sheet_part;
  for (const auto& r : rels.rels) {
    if (r.id == workbook.first_sheet_rel) sheet_part = Resolve(base, r.target);
  }
  if (sheet_part.empty()) return Broken("找不到第一个工作表");

  const Relationship* strings_rel = FindType(rels.rels, "/sharedStrings");
  const Relationship* styles_rel = FindType(rels.rels, "/styles");

  internal::Progress report(progress);
  // Progress over the inflated bytes of the two big parts, shared strings first.
  std::string strings_part = strings_rel ? Resolve(base, strings_rel->target) : "";
  std::uint64_t strings_bytes = strings_rel ? zip.DeclaredSize(strings_part) : 0;
  std::uint64_t total_bytes = strings_bytes + zip.DeclaredSize(sheet_part);
  SharedStrings strings(limits);
  if (strings_rel != nullptr) {
    auto counted = [&](std::uint64_t done, std::uint64_t) { report.Report(done, total_bytes); };
    JC_TRY(ParsePart(zip, strings_part, strings, limits, counted));
  }
  std::vector<NumberKind> kinds;
  if (styles_rel != nullptr) {
    StylesHandler styles;
    JC_TRY(ParsePart(zip, Resolve(base, styles_rel->target), styles, limits));
    kinds = styles.Kinds();
  }

  SheetHandler sheet(on_row, strings, kinds, workbook.date1904);
  auto counted = [&](std::uint64_t done, std::uint64_t) {
    report.Report(strings_bytes + done, total_bytes);
  };
  JC_TRY(ParsePart(zip, sheet_part, sheet, limits, counted));
  report.Finish();
  return {};
}

}  // namespace jiceng::core::tabular
