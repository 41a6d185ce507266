#include "modules/cases/photos/photo_check.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "core/module_names.hpp"

namespace jiceng::cases {

namespace {

DomainError Corrupt() {
  return DomainError::Invalid("cases.photo.corrupt", "图片文件已损坏或不完整，请重新拍摄或选择图片",
                              "body");
}

unsigned Byte(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }
std::uint32_t Be16(std::string_view s, std::size_t i) { return Byte(s, i) << 8 | Byte(s, i + 1); }
std::uint32_t Be32(std::string_view s, std::size_t i) { return Be16(s, i) << 16 | Be16(s, i + 2); }
std::uint32_t Le32(std::string_view s, std::size_t i) {
  return Byte(s, i) | Byte(s, i + 1) << 8 | Byte(s, i + 2) << 16 |
         static_cast<std::uint32_t>(Byte(s, i + 3)) << 24;
}

constexpr char kPngSignature[] = "\x89PNG\r\n\x1a\n";

// ---------------------------------------------------------------------------------------------
// TIFF (the body of an Exif block). Offsets in the block are untrusted: every access is checked,
// and writes only ever zero or move bytes inside the block, so its size never changes.

class Tiff {
 public:
  explicit Tiff(std::string& b) : b_(b) {}

  bool Open() {
    if (b_.size() < 8) return false;
    if (b_[0] == 'I' && b_[1] == 'I') {
      le_ = true;
    } else if (b_[0] == 'M' && b_[1] == 'M') {
      le_ = false;
    } else {
      return false;
    }
    return U16(2) == 42;
  }
  // [off, off + n) lies inside the block.
  bool Has(std::uint64_t off, std::uint64_t n) const {
    return off <= b_.size() && n <= b_.size() - off;
  }
  std::uint32_t U16(std::size_t off) const {
    unsigned a = Byte(b_, off), b = Byte(b_, off + 1);
    return le_ ? (a | b << 8) : (a << 8 | b);
  }
  std::uint32_t U32(std::size_t off) const {
    std::uint32_t lo = U16(off), hi = U16(off + 2);
    return le_ ? (lo | hi << 16) : (lo << 16 | hi);
  }
  void Put16(std::size_t off, std::uint32_t v) {
    b_[off + (le_ ? 0 : 1)] = static_cast<char>(v & 0xff);
    b_[off + (le_ ? 1 : 0)] = static_cast<char>(v >> 8 & 0xff);
  }
  // Zeroes what of [off, off + n) lies inside the block.
  void Zero(std::uint64_t off, std::uint64_t n) {
    if (off >= b_.size()) return;
    std::uint64_t end = off + std::min<std::uint64_t>(n, b_.size() - off);
    std::fill(b_.begin() + static_cast<std::ptrdiff_t>(off),
              b_.begin() + static_cast<std::ptrdiff_t>(end), '\0');
  }
  std::string& bytes() { return b_; }

 private:
  std::string& b_;
  bool le_ = true;
};

constexpr std::uint32_t kGpsInfoTag = 0x8825;

// Bytes per value of a TIFF field type; 0 for types this code does not know.
std::uint64_t TypeSize(std::uint32_t type) {
  static constexpr std::array<std::uint64_t, 14> kSizes = {0, 1, 1, 2, 4, 8, 1,
                                                           1, 2, 4, 8, 4, 8, 4};
  return type < kSizes.size() ? kSizes[type] : 0;
}

// Zeroes a GPS IFD: every out-of-line value its entries point to, then the entries themselves.
void ClearGpsIfd(Tiff& t, std::uint64_t off) {
  if (!t.Has(off, 2)) return;
  std::uint64_t declared = t.U16(off);
  std::uint64_t fitting = (t.bytes().size() - off - 2) / 12;
  std::uint64_t n = std::min(declared, fitting);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::size_t e = off + 2 + 12 * i;
    std::uint64_t total = TypeSize(t.U16(e + 2)) * t.U32(e + 4);
    if (total > 4) t.Zero(t.U32(e + 8), total);  // inline values (≤ 4 bytes) go with the entry
  }
  t.Zero(off, 2 + 12 * declared + 4);
}

// GPS tag numbers (0x0000–0x001F) mean nothing in IFD0 or IFD1 but GPS data a careless writer
// put in the wrong place; TIFF's own tags start at 0x00FE.
bool IsGpsTag(std::uint32_t tag) { return tag == kGpsInfoTag || tag <= 0x001F; }

// Removes the GPS pointer (and misplaced GPS tags) from one IFD, clearing the GPS IFDs it
// pointed to. The remaining entries move up so the IFD stays sorted and contiguous; its
// next-IFD link moves with them. False when the IFD itself cannot be read.
bool StripIfd(Tiff& t, std::uint64_t ifd) {
  if (!t.Has(ifd, 2)) return false;
  std::uint32_t n = t.U16(ifd);
  std::uint64_t entries = ifd + 2;
  if (!t.Has(entries, 12ull * n)) return false;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::size_t e = entries + 12 * i;
    if (t.U16(e) != kGpsInfoTag) continue;
    std::uint32_t type = t.U16(e + 2);
    if ((type == 4 || type == 13) && t.U32(e + 4) == 1) ClearGpsIfd(t, t.U32(e + 8));
  }
  // Clearing may have zeroed entries of this IFD (a hostile offset): tags are read again.
  std::string& b = t.bytes();
  std::uint32_t kept = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::size_t e = entries + 12 * i;
    if (IsGpsTag(t.U16(e))) continue;
    if (kept != i) std::memmove(&b[entries + 12 * kept], &b[e], 12);
    ++kept;
  }
  if (kept == n) return true;
  std::uint64_t old_link = entries + 12ull * n;
  std::uint64_t new_link = entries + 12ull * kept;
  if (t.Has(old_link, 4)) {
    std::memmove(&b[new_link], &b[old_link], 4);
    t.Zero(new_link + 4, old_link - new_link);
  } else {
    t.Zero(new_link, old_link - new_link);
  }
  t.Put16(ifd, kept);
  return true;
}

// ---------------------------------------------------------------------------------------------
// JPEG

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// What becomes of one marker segment before the image data: kept as is, dropped, or (Exif)
// kept with its GPS removed.
enum class Keep { kYes, kNo, kExif };

Keep JpegSegment(unsigned marker, std::string_view payload) {
  using namespace std::string_view_literals;
  if (marker == 0xE0) return Keep::kYes;  // JFIF / JFXX
  if (marker == 0xE1)
    return StartsWith(payload, "Exif\0\0"sv) ? Keep::kExif : Keep::kNo;  // else XMP
  if (marker == 0xE2)
    return StartsWith(payload, "ICC_PROFILE\0"sv) ? Keep::kYes : Keep::kNo;  // else MPF, FlashPix
  if (marker == 0xEE)
    return StartsWith(payload, "Adobe"sv) ? Keep::kYes : Keep::kNo;  // colour transform
  if (marker >= 0xE3 && marker <= 0xEF) return Keep::kNo;  // IPTC/Photoshop (APP13), vendor blocks
  if (marker == 0xFE) return Keep::kNo;                    // comment
  return Keep::kYes;                                       // frame, tables, scans
}

// The end of entropy-coded data starting at pos: the next marker (0xFF not followed by 0x00
// or a restart marker), or the end of the input.
std::size_t ScanEnd(std::string_view in, std::size_t pos) {
  while (pos < in.size()) {
    const void* ff = std::memchr(in.data() + pos, 0xFF, in.size() - pos);
    if (!ff) return in.size();
    pos = static_cast<const char*>(ff) - in.data();
    if (pos + 1 >= in.size()) return in.size();
    unsigned next = Byte(in, pos + 1);
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
      pos += 2;
      continue;
    }
    return pos;
  }
  return in.size();
}

// ---------------------------------------------------------------------------------------------
// PNG: the ancillary chunks kept are those that change how the image looks (colour, gamma,
// transparency, pixel size) or animate it (APNG); all other ancillary chunks are dropped.

bool KeepPngChunk(std::string_view type) {
  if (!(type[0] & 0x20)) return true;  // critical: IHDR, PLTE, IDAT, IEND
  static constexpr std::array<std::string_view, 16> kRendering = {
      "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD",
      "hIST", "sPLT", "cICP", "mDCv", "cLLI", "acTL", "fcTL", "fdAT"};
  return std::find(kRendering.begin(), kRendering.end(), type) != kRendering.end();
}

bool IsChunkName(std::string_view type) {
  return std::all_of(type.begin(), type.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

}  // namespace

const char* MimeOf(PhotoType type) {
  switch (type) {
    case PhotoType::kJpeg:
      return "image/jpeg";
    case PhotoType::kPng:
      return "image/png";
    case PhotoType::kWebp:
      return "image/webp";
  }
  return "application/octet-stream";
}

std::optional<PhotoType> SniffPhotoType(std::string_view b) {
  if (b.size() >= 3 && Byte(b, 0) == 0xFF && Byte(b, 1) == 0xD8 && Byte(b, 2) == 0xFF)
    return PhotoType::kJpeg;
  if (StartsWith(b, std::string_view(kPngSignature, 8))) return PhotoType::kPng;
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") return PhotoType::kWebp;
  return std::nullopt;
}

bool RemoveTiffGps(std::string& tiff) {
  Tiff t(tiff);
  if (!t.Open()) return false;
  std::uint64_t ifd0 = t.U32(4);
  if (!StripIfd(t, ifd0)) return false;
  // IFD1 (the thumbnail's) should never point to GPS data; make sure of it when it is readable.
  std::uint64_t link = ifd0 + 2 + 12ull * t.U16(ifd0);
  if (t.Has(link, 4)) {
    std::uint64_t ifd1 = t.U32(link);
    if (ifd1 != 0 && ifd1 != ifd0) StripIfd(t, ifd1);
  }
  return true;
}

Result<std::string> StripJpeg(std::string_view in) {
  const std::size_t n = in.size();
  if (n < 4 || Byte(in, 0) != 0xFF || Byte(in, 1) != 0xD8) return Corrupt();
  std::string out;
  out.reserve(n);
  out.append(in.substr(0, 2));
  std::size_t pos = 2;
  while (true) {
    if (pos >= n || Byte(in, pos) != 0xFF) return Corrupt();  // no end of image, or garbage
    while (pos + 1 < n && Byte(in, pos + 1) == 0xFF) ++pos;   // fill bytes before a marker
    if (pos + 1 >= n) return Corrupt();
    unsigned marker = Byte(in, pos + 1);
    if (marker == 0xD9) {  // end of image: whatever follows (MPF images, trailers) is dropped
      out.append("\xFF\xD9");
      return out;
    }
    if (marker == 0x00 || marker == 0xD8) return Corrupt();
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {  // markers without a length
      out.append(in.substr(pos, 2));
      pos += 2;
      continue;
    }
    if (n - pos < 4) return Corrupt();
    std::size_t length = Be16(in, pos + 2);
    if (length < 2 || length > n - pos - 2) return Corrupt();
    std::string_view payload = in.substr(pos + 4, length - 2);
    switch (JpegSegment(marker, payload)) {
      case Keep::kYes:
        out.append(in.substr(pos, 2 + length));
        break;
      case Keep::kNo:
        break;
      case Keep::kExif: {
        std::string tiff(payload.substr(6));
        if (RemoveTiffGps(tiff)) {  // same size: the segment header stays valid
          out.append(in.substr(pos, 10));
          out.append(tiff);
        }
        break;
      }
    }
    pos += 2 + length;
    if (marker == 0xDA) {  // start of scan: the coded data runs to the next marker
      std::size_t end = ScanEnd(in, pos);
      out.append(in.substr(pos, end - pos));
      pos = end;
    }
  }
}

Result<std::string> StripPng(std::string_view in) {
  const std::size_t n = in.size();
  if (!StartsWith(in, std::string_view(kPngSignature, 8))) return Corrupt();
  std::string out(in.substr(0, 8));
  out.reserve(n);
  std::size_t pos = 8;
  bool first = true;
  while (true) {
    if (n - pos < 12) return Corrupt();  // no IEND
    std::size_t length = Be32(in, pos);
    if (length > n - pos - 12) return Corrupt();
    std::string_view type = in.substr(pos + 4, 4);
    if (!IsChunkName(type) || (first && type != "IHDR")) return Corrupt();
    first = false;
    if (KeepPngChunk(type)) out.append(in.substr(pos, 12 + length));
    pos += 12 + length;
    if (type == "IEND") return out;  // anything after it is dropped
  }
}

Result<std::string> StripWebp(std::string_view in) {
  const std::size_t n = in.size();
  if (n < 12 || !StartsWith(in, "RIFF") || in.substr(8, 4) != "WEBP") return Corrupt();
  std::size_t riff = Le32(in, 4);
  if (riff < 4 || riff > n - 8) return Corrupt();
  const std::size_t end = 8 + riff;  // bytes after the RIFF container are dropped
  std::string out(in.substr(0, 12));
  out.reserve(end);
  std::size_t pos = 12;
  bool first = true;
  static constexpr std::array<std::string_view, 7> kImageChunks = {"VP8 ", "VP8L", "VP8X", "ALPH",
                                                                   "ANIM", "ANMF", "ICCP"};
  while (pos < end) {
    if (end - pos < 8) return Corrupt();
    std::string_view fourcc = in.substr(pos, 4);
    std::size_t size = Le32(in, pos + 4);
    if (size > end - pos - 8) return Corrupt();
    if (first && fourcc != "VP8 " && fourcc != "VP8L" && fourcc != "VP8X") return Corrupt();
    first = false;
    if (std::find(kImageChunks.begin(), kImageChunks.end(), fourcc) != kImageChunks.end()) {
      std::size_t at = out.size();
      out.append(in.substr(pos, 8 + size));
      if (size % 2) out.push_back('\0');  // chunks are padded to an even size
      if (fourcc == "VP8X") {
        if (size < 10) return Corrupt();
        out[at + 8] =
            static_cast<char>(Byte(out, at + 8) & ~0x0Cu);  // no EXIF (0x08), no XMP (0x04)
      }
    }
    pos += 8 + size + size % 2;  // a missing final pad byte is tolerated: the loop ends
  }
  if (first) return Corrupt();
  std::uint32_t size = static_cast<std::uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>(size >> (8 * i) & 0xff);
  return out;
}

Result<CheckedPhoto> CheckPhoto(std::string_view bytes) {
  if (bytes.empty()) return DomainError::Invalid("cases.photo.empty", "没有收到图片内容", "body");
  if (bytes.size() > kMaxPhotoBytes) {
    return DomainError::Invalid("cases.photo.too_large", "图片不能超过 10 MB", "body");
  }
  auto type = SniffPhotoType(bytes);
  if (!type)
    return DomainError::Invalid("cases.photo.type", "只能上传 JPEG、PNG 或 WebP 格式的图片",
                                "body");
  CheckedPhoto out;
  out.type = *type;
  out.mime = MimeOf(*type);
  switch (*type) {
    case PhotoType::kJpeg: {
      JC_ASSIGN_OR_RETURN(out.bytes, StripJpeg(bytes));
      break;
    }
    case PhotoType::kPng: {
      JC_ASSIGN_OR_RETURN(out.bytes, StripPng(bytes));
      break;
    }
    case PhotoType::kWebp: {
      JC_ASSIGN_OR_RETURN(out.bytes, StripWebp(bytes));
      break;
    }
  }
  return out;
}

}  // namespace jiceng::cases
