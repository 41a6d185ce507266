// Photo files built byte by byte for the photo tests: a JPEG, a PNG and a WebP, each carrying
// the place it was taken (an Exif GPS IFD, XMP, text chunks), plus readers for what must survive
// stripping (Exif Orientation and Make). The GPS values are distinctive byte runs
// (LatitudeBytes, LongitudeBytes) so a test can assert that they are nowhere in the output.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::testing::photos {

inline std::string Be16(std::uint32_t v) {
  return {static_cast<char>(v >> 8 & 0xff), static_cast<char>(v & 0xff)};
}
inline std::string Be32(std::uint32_t v) { return Be16(v >> 16) + Be16(v & 0xffff); }
inline std::string Le32(std::uint32_t v) {
  return {static_cast<char>(v & 0xff), static_cast<char>(v >> 8 & 0xff),
          static_cast<char>(v >> 16 & 0xff), static_cast<char>(v >> 24 & 0xff)};
}

// TIFF numbers in either byte order.
struct TiffBytes {
  bool big_endian = false;
  std::string U16(std::uint32_t v) const {
    std::string b = Be16(v);
    return big_endian ? b : std::string{b[1], b[0]};
  }
  std::string U32(std::uint32_t v) const {
    std::string b = Be32(v);
    return big_endian ? b : std::string{b[3], b[2], b[1], b[0]};
  }
  std::string Entry(std::uint32_t tag, std::uint32_t type, std::uint32_t count,
                    const std::string& value4) const {
    return U16(tag) + U16(type) + U32(count) + value4;
  }
  std::string Rationals(
      std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> values) const {
    std::string out;
    for (auto [num, den] : values) out += U32(num) + U32(den);
    return out;
  }
};

// 29°42'31.4159" N, 120°14'27.1828" E as GPS rationals.
inline std::string LatitudeBytes(bool big_endian) {
  return TiffBytes{big_endian}.Rationals({{29, 1}, {42, 1}, {314159, 10000}});
}
inline std::string LongitudeBytes(bool big_endian) {
  return TiffBytes{big_endian}.Rationals({{120, 1}, {14, 1}, {271828, 10000}});
}

// A TIFF block as a phone writes it: IFD0 with Make "Phone", Orientation 6 (rotate 90° to
// show) and the GPSInfo pointer; the GPS IFD with version, N/E references, latitude, longitude.
inline std::string ExifTiff(bool big_endian) {
  TiffBytes t{big_endian};
  std::string b = big_endian ? "MM" : "II";
  b += t.U16(42) + t.U32(8);
  // IFD0 at 8: 3 entries, ends at 50; "Phone\0" at 50; GPS IFD at 56.
  b += t.U16(3);
  b += t.Entry(0x010F, 2, 6, t.U32(50));
  b += t.Entry(0x0112, 3, 1, t.U16(6) + t.U16(0));
  b += t.Entry(0x8825, 4, 1, t.U32(56));
  b += t.U32(0);
  b += std::string("Phone\0", 6);
  // GPS IFD at 56: 5 entries, ends at 122; latitude at 122, longitude at 146.
  b += t.U16(5);
  b += t.Entry(0x0000, 1, 4, std::string("\x02\x03\x00\x00", 4));
  b += t.Entry(0x0001, 2, 2, std::string("N\0\0\0", 4));
  b += t.Entry(0x0002, 5, 3, t.U32(122));
  b += t.Entry(0x0003, 2, 2, std::string("E\0\0\0", 4));
  b += t.Entry(0x0004, 5, 3, t.U32(146));
  b += t.U32(0);
  b += LatitudeBytes(big_endian) + LongitudeBytes(big_endian);
  return b;
}

inline const char* kXmpWithGps =
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description "
    "exif:GPSLatitude=\"29,42.5236N\" "
    "exif:GPSLongitude=\"120,14.4530E\"/></rdf:RDF></x:xmpmeta>";

// ---------------------------------------------------------------------------------------------
// JPEG: a 1×1 grey baseline image with JFIF, Exif (GPS), XMP, Photoshop/IPTC, a comment, and a
// second (MPF-style) image with its own Exif after the end of the first. `variant` changes one
// quantisation value, giving different bytes (and a different digest) for the same picture.

inline std::string JpegSegment(unsigned marker, const std::string& payload) {
  return std::string{'\xFF', static_cast<char>(marker)} +
         Be16(static_cast<std::uint32_t>(payload.size() + 2)) + payload;
}

// The image proper (tables, frame, scan, end), which stripping leaves byte for byte.
inline std::string JpegImage(int variant = 0) {
  std::string qt(1, '\0');
  qt += std::string(64, '\x01');
  qt.back() = static_cast<char>(1 + variant % 200);
  std::string huffman_counts = std::string(1, '\x01') + std::string(15, '\0');
  std::string out = JpegSegment(0xDB, qt);
  out += JpegSegment(0xC0, std::string("\x08\x00\x01\x00\x01\x01\x01\x11\x00", 9));
  out += JpegSegment(0xC4, std::string(1, '\x00') + huffman_counts + std::string(1, '\x00'));
  out += JpegSegment(0xC4, std::string(1, '\x10') + huffman_counts + std::string(1, '\x00'));
  out += JpegSegment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  out += '\x3F';  // DC difference 0, end of block, padding ones
  out += "\xFF\xD9";
  return out;
}

inline std::string JfifSegment() {
  return JpegSegment(0xE0, std::string("JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14));
}

inline std::string JpegWithGps(bool big_endian = false, int variant = 0) {
  std::string out = "\xFF\xD8";
  out += JfifSegment();
  out += JpegSegment(0xE1, std::string("Exif\0\0", 6) + ExifTiff(big_endian));
  out += JpegSegment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) + kXmpWithGps);
  out += JpegSegment(
      0xED, std::string("Photoshop 3.0\0", 14) + "8BIM IPTC City=Zhuji Sublocation=Fengqiao");
  out += JpegSegment(0xFE, "taken at 29.7087N 120.2409E");
  out += JpegImage(variant);
  // After the end of image: a secondary image (multi-picture format) with its own GPS.
  out += "\xFF\xD8" + JpegSegment(0xE1, std::string("Exif\0\0", 6) + ExifTiff(big_endian)) +
         "\xFF\xD9";
  return out;
}

// The segments of a JPEG before its first scan: marker → payloads (in order).
inline std::multimap<unsigned, std::string> JpegSegments(std::string_view jpeg) {
  std::multimap<unsigned, std::string> out;
  std::size_t pos = 2;
  while (pos + 4 <= jpeg.size() && static_cast<unsigned char>(jpeg[pos]) == 0xFF) {
    unsigned marker = static_cast<unsigned char>(jpeg[pos + 1]);
    std::size_t len =
        static_cast<unsigned char>(jpeg[pos + 2]) << 8 | static_cast<unsigned char>(jpeg[pos + 3]);
    out.emplace(marker, std::string(jpeg.substr(pos + 4, len - 2)));
    if (marker == 0xDA) break;
    pos += 2 + len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading a TIFF block back: IFD0's tags with their 4-byte value field (inline SHORTs read as
// the first 2 bytes).

struct IfdEntry {
  std::uint32_t type = 0;
  std::uint32_t count = 0;
  std::uint32_t value = 0;
};

inline std::map<std::uint32_t, IfdEntry> Ifd0(std::string_view tiff) {
  std::map<std::uint32_t, IfdEntry> out;
  if (tiff.size() < 8) return out;
  bool be = tiff[0] == 'M';
  auto u16 = [&](std::size_t o) -> std::uint32_t {
    unsigned a = static_cast<unsigned char>(tiff[o]), b = static_cast<unsigned char>(tiff[o + 1]);
    return be ? (a << 8 | b) : (b << 8 | a);
  };
  auto u32 = [&](std::size_t o) -> std::uint32_t {
    return be ? (u16(o) << 16 | u16(o + 2)) : (u16(o + 2) << 16 | u16(o));
  };
  std::size_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return out;
  std::uint32_t n = u16(ifd);
  for (std::uint32_t i = 0; i < n && ifd + 2 + 12 * (i + 1) <= tiff.size(); ++i) {
    std::size_t e = ifd + 2 + 12 * i;
    IfdEntry entry{u16(e + 2), u32(e + 4), 0};
    entry.value = entry.type == 3 && entry.count == 1 ? u16(e + 8) : u32(e + 8);
    out[u16(e)] = entry;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// PNG: a 1×1 grey image with gAMA kept, and eXIf (GPS), XMP in tEXt and iTXt, a raw Exif profile
// in zTXt, tIME and a private chunk dropped; bytes after IEND.

inline std::uint32_t Crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

inline std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(Crc32(type + data));
}

inline std::string PngSignature() { return std::string("\x89PNG\r\n\x1a\n", 8); }

inline std::string PngHeader() {
  return PngChunk("IHDR", Be32(1) + Be32(1) + std::string("\x08\x00\x00\x00\x00", 5));
}

// Filter 0, grey 0x80, in a stored (uncompressed) deflate block with its Adler-32.
inline std::string PngPixels() {
  return PngChunk("IDAT",
                  std::string("\x78\x01\x01\x02\x00\xFD\xFF\x00\x80", 9) + Be32(0x00820081));
}

inline std::string PngWithGps() {
  std::string out = PngSignature() + PngHeader();
  out += PngChunk("gAMA", Be32(45455));
  out += PngChunk("eXIf", ExifTiff(true));
  out += PngChunk("tEXt", std::string("XML:com.adobe.xmp\0", 18) + kXmpWithGps);
  out += PngChunk("iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) + kXmpWithGps);
  out += PngChunk("zTXt", std::string("Raw profile type exif\0\0", 23) + ExifTiff(false));
  out += PngChunk("tIME", std::string("\x07\xEA\x06\x01\x0A\x00\x00", 7));
  out += PngChunk("prVt", "lat=29.7087;lng=120.2409");
  out += PngPixels();
  out += PngChunk("IEND", "");
  out += "GPS 29.7087 120.2409";
  return out;
}

// Chunk types in order.
inline std::string PngChunkTypes(std::string_view png) {
  std::string out;
  std::size_t pos = 8;
  while (pos + 12 <= png.size()) {
    std::size_t len = static_cast<std::size_t>(static_cast<unsigned char>(png[pos])) << 24 |
                      static_cast<unsigned char>(png[pos + 1]) << 16 |
                      static_cast<unsigned char>(png[pos + 2]) << 8 |
                      static_cast<unsigned char>(png[pos + 3]);
    if (!out.empty()) out += ' ';
    out += std::string(png.substr(pos + 4, 4));
    pos += 12 + len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// WebP (extended format): VP8X announcing ICC, alpha, EXIF and XMP; ICCP, a lossless bitstream,
// EXIF (GPS), XMP, an unknown chunk of odd size; bytes after the RIFF container.

inline std::string WebpChunk(const std::string& fourcc, const std::string& data) {
  std::string out = fourcc + Le32(static_cast<std::uint32_t>(data.size())) + data;
  if (data.size() % 2) out += '\0';
  return out;
}

inline std::string Riff(const std::string& chunks) {
  return "RIFF" + Le32(static_cast<std::uint32_t>(chunks.size() + 4)) + "WEBP" + chunks;
}

inline std::string WebpWithGps(int variant = 0) {
  std::string vp8x = std::string(1, '\x3C') + std::string(3, '\0') +
                     std::string(6, '\0');  // ICC|alpha|EXIF|XMP, 1×1
  std::string chunks = WebpChunk("VP8X", vp8x);
  chunks += WebpChunk("ICCP", "icc-profile");
  chunks += WebpChunk("VP8L", std::string("\x2F\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xFE", 12) +
                                  std::string(1, static_cast<char>(variant)));
  chunks += WebpChunk("EXIF", ExifTiff(false));
  chunks += WebpChunk("XMP ", kXmpWithGps);
  chunks += WebpChunk("GPSx", "odd");
  return Riff(chunks) + "trailing GPS 29.7087";
}

// fourccs in order.
inline std::string WebpChunkTypes(std::string_view webp) {
  std::string out;
  std::size_t pos = 12;
  while (pos + 8 <= webp.size()) {
    std::size_t size = static_cast<unsigned char>(webp[pos + 4]) |
                       static_cast<unsigned char>(webp[pos + 5]) << 8 |
                       static_cast<unsigned char>(webp[pos + 6]) << 16 |
                       static_cast<std::size_t>(static_cast<unsigned char>(webp[pos + 7])) << 24;
    if (!out.empty()) out += ',';
    out += std::string(webp.substr(pos, 4));
    pos += 8 + size + size % 2;
  }
  return out;
}

}  // namespace jiceng::testing::photos
