// Photo checks without a server: type by magic bytes, size, and location stripping for JPEG,
// PNG and WebP built byte by byte (photo_fixtures.hpp), including broken and truncated files.
#include "modules/cases/photos/photo_check.hpp"

#include <gtest/gtest.h>

#include <random>

#include "modules/cases/tests/photo_fixtures.hpp"

namespace jiceng::cases {
namespace {

using namespace jiceng::testing::photos;

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// No trace of where the fixture was taken, in any form the fixtures write it.
void ExpectNoLocation(std::string_view out) {
  for (bool be : {false, true}) {
    EXPECT_FALSE(Contains(out, LatitudeBytes(be))) << "latitude left (big endian " << be << ")";
    EXPECT_FALSE(Contains(out, LongitudeBytes(be))) << "longitude left (big endian " << be << ")";
  }
  EXPECT_FALSE(Contains(out, "GPSLatitude"));
  EXPECT_FALSE(Contains(out, "29.7087"));
  EXPECT_FALSE(Contains(out, "Fengqiao"));
}

// `in` passes the check as `mime` and loses its location; `stored` is what would be kept.
void ExpectCleaned(const std::string& in, const std::string& mime, std::string& stored) {
  auto out = CheckPhoto(in);
  ASSERT_TRUE(out.ok()) << out.error().code;
  EXPECT_EQ(out->mime, mime);
  ExpectNoLocation(out->bytes);
  stored = out->bytes;
}

TEST(PhotoCheck, TypeComesFromMagicBytes) {
  EXPECT_EQ(SniffPhotoType(JpegWithGps()), PhotoType::kJpeg);
  EXPECT_EQ(SniffPhotoType(PngWithGps()), PhotoType::kPng);
  EXPECT_EQ(SniffPhotoType(WebpWithGps()), PhotoType::kWebp);
  EXPECT_FALSE(SniffPhotoType("GIF89a\x01\x00\x01\x00"));
  EXPECT_FALSE(SniffPhotoType("hello, this is text"));
  EXPECT_FALSE(
      SniffPhotoType(std::string("\0\0\0\x18"
                                 "ftypheic",
                                 12)));
  EXPECT_FALSE(SniffPhotoType(std::string("RIFF\x10\x00\x00\x00WAVEfmt ", 16)));  // RIFF, not WebP
  EXPECT_FALSE(SniffPhotoType("\xFF\xD8"));  // too short to be a JPEG
  EXPECT_STREQ(MimeOf(PhotoType::kWebp), "image/webp");
}

TEST(PhotoCheck, EmptyTooLargeAndOtherTypesAreRefusedWithTheirCodes) {
  EXPECT_EQ(CheckPhoto("").error().code, "cases.photo.empty");
  std::string big = JpegWithGps();
  big.resize(kMaxPhotoBytes + 1, '\0');
  EXPECT_EQ(CheckPhoto(big).error().code, "cases.photo.too_large");
  EXPECT_EQ(CheckPhoto("GIF89a\x01\x00\x01\x00\x80\x00\x00").error().code, "cases.photo.type");
  EXPECT_EQ(CheckPhoto("{\"not\": \"an image\"}").error().code, "cases.photo.type");
  // Exactly the limit is fine; the padding after the end of the image is dropped.
  std::string at_limit = JpegWithGps();
  at_limit.resize(kMaxPhotoBytes, '\0');
  auto ok = CheckPhoto(at_limit);
  ASSERT_TRUE(ok.ok()) << ok.error().code;
  EXPECT_EQ(ok->bytes, *StripJpeg(JpegWithGps()));
}

TEST(PhotoCheck, JpegLosesItsGpsButKeepsOrientationAndTheImage) {
  for (bool be : {false, true}) {
    SCOPED_TRACE(be ? "big-endian Exif" : "little-endian Exif");
    std::string in = JpegWithGps(be);
    ASSERT_TRUE(Contains(in, LatitudeBytes(be)));  // the fixture does carry a location
    std::string out;
    ASSERT_NO_FATAL_FAILURE(ExpectCleaned(in, "image/jpeg", out));

    auto segments = JpegSegments(out);
    EXPECT_EQ(segments.count(0xE0), 1u);  // JFIF
    EXPECT_EQ(segments.count(0xE1), 1u);  // Exif only: the XMP block is gone
    EXPECT_EQ(segments.count(0xED), 0u);  // Photoshop / IPTC
    EXPECT_EQ(segments.count(0xFE), 0u);  // comment
    std::string exif = segments.find(0xE1)->second;
    ASSERT_EQ(exif.substr(0, 6), std::string("Exif\0\0", 6));
    auto ifd0 = Ifd0(std::string_view(exif).substr(6));
    ASSERT_TRUE(ifd0.count(0x0112));
    EXPECT_EQ(ifd0[0x0112].value, 6u);  // Orientation: the phone photo still shows upright
    ASSERT_TRUE(ifd0.count(0x010F));
    EXPECT_TRUE(Contains(exif, std::string("Phone\0", 6)));  // Make, out of line, untouched
    EXPECT_FALSE(ifd0.count(0x8825));                        // no GPSInfo pointer
    EXPECT_EQ(ifd0.size(), 2u);
    EXPECT_EQ(exif.size(), 6 + ExifTiff(be).size());  // stripped in place: offsets stay valid

    // The image itself is byte for byte what came in, and it ends at its end-of-image marker
    // (the secondary image after it is gone).
    std::string image = JpegImage();
    ASSERT_GE(out.size(), image.size());
    EXPECT_EQ(out.substr(out.size() - image.size()), image);
    EXPECT_EQ(out.substr(0, 2), "\xFF\xD8");
    // Stripping twice changes nothing.
    auto again = StripJpeg(out);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, out);
  }
}

TEST(PhotoCheck, JpegScanDataWithStuffedBytesAndRestartsIsCopiedExactly) {
  // A progressive-style file: two scans with a table and an XMP block between them. Coded data
  // holds 0xFF 0x00 (a stuffed 0xFF) and restart markers, which are not segment boundaries.
  std::string scan1 = std::string("\x12\xFF\x00\x34\xFF\xD0\x56\xFF\x00\x78", 10);
  std::string scan2 = std::string("\x9A\xFF\x00\xBC\xFF\xD7\xDE", 7);
  std::string head = std::string("\xFF\xD8") + JfifSegment() +
                     JpegSegment(0xC2, std::string("\x08\x00\x01\x00\x01\x01\x01\x11\x00", 9)) +
                     JpegSegment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) + scan1;
  std::string between = JpegSegment(0xC4, std::string(1, '\x10') + std::string(1, '\x01') +
                                              std::string(15, '\0') + std::string(1, '\x00'));
  std::string xmp =
      JpegSegment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) + kXmpWithGps);
  std::string tail =
      JpegSegment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) + scan2 + "\xFF\xD9";
  auto out = StripJpeg(head + between + xmp + tail);
  ASSERT_TRUE(out.ok()) << out.error().code;
  EXPECT_EQ(*out, head + between + tail);
}

TEST(PhotoCheck, JpegWithUnreadableExifDropsTheWholeBlock) {
  std::string tiff = ExifTiff(false);
  tiff[2] = 43;  // not a TIFF
  std::string in = "\xFF\xD8" + JfifSegment() +
                   JpegSegment(0xE1, std::string("Exif\0\0", 6) + tiff) + JpegImage();
  auto out = StripJpeg(in);
  ASSERT_TRUE(out.ok()) << out.error().code;
  ExpectNoLocation(*out);
  EXPECT_EQ(*out, "\xFF\xD8" + JfifSegment() + JpegImage());

  // IFD0 pointing past the end: also unreadable.
  tiff = ExifTiff(false);
  tiff[4] = '\xF0';
  out = StripJpeg("\xFF\xD8" + JpegSegment(0xE1, std::string("Exif\0\0", 6) + tiff) + JpegImage());
  ASSERT_TRUE(out.ok());
  ExpectNoLocation(*out);
}

TEST(PhotoCheck, JpegGpsPointerPastTheEndIsRemovedSafely) {
  std::string tiff = ExifTiff(true);
  // The GPSInfo entry is IFD0's third: its value field at 8 + 2 + 24 + 8.
  tiff.replace(8 + 2 + 24 + 8, 4, Be32(0x7FFFFFF0));
  auto out =
      StripJpeg("\xFF\xD8" + JpegSegment(0xE1, std::string("Exif\0\0", 6) + tiff) + JpegImage());
  ASSERT_TRUE(out.ok());
  auto exif = JpegSegments(*out).find(0xE1)->second;
  auto ifd0 = Ifd0(std::string_view(exif).substr(6));
  EXPECT_FALSE(ifd0.count(0x8825));
  EXPECT_EQ(ifd0[0x0112].value, 6u);
}

TEST(PhotoCheck, TruncatedOrGarbledJpegNeverCrashesAndNeverKeepsTheLocation) {
  std::string in = JpegWithGps();
  std::size_t first_end = in.find("\xFF\xD9");
  ASSERT_NE(first_end, std::string::npos);
  // Every prefix: refused as corrupt until the first image is complete, then stripped.
  for (std::size_t n = 0; n < in.size(); ++n) {
    auto out = CheckPhoto(std::string_view(in).substr(0, n));
    if (n < first_end + 2) {
      ASSERT_FALSE(out.ok()) << n;
      EXPECT_TRUE(out.error().code == "cases.photo.corrupt" ||
                  out.error().code == "cases.photo.type" || out.error().code == "cases.photo.empty")
          << n << " " << out.error().code;
    } else {
      ASSERT_TRUE(out.ok()) << n;
      ExpectNoLocation(out->bytes);
    }
  }
  // Random damage to the metadata: no crash, and a refusal is always cases.photo.corrupt.
  std::mt19937 rng(20260601);
  std::size_t metadata_end = in.find(std::string("\xFF\xDB", 2));
  for (int i = 0; i < 3000; ++i) {
    std::string bad = in;
    int flips = 1 + static_cast<int>(rng() % 4);
    // From byte 3 on: the first three are the magic bytes that make it a JPEG at all.
    for (int k = 0; k < flips; ++k) bad[3 + rng() % (metadata_end - 3)] = static_cast<char>(rng());
    auto out = CheckPhoto(bad);
    if (!out.ok()) {
      EXPECT_EQ(out.error().code, "cases.photo.corrupt");
    }
  }
}

TEST(PhotoCheck, PngLosesExifTextAndPrivateChunks) {
  std::string out;
  ASSERT_NO_FATAL_FAILURE(ExpectCleaned(PngWithGps(), "image/png", out));
  EXPECT_EQ(PngChunkTypes(out), "IHDR gAMA IDAT IEND");
  EXPECT_EQ(out, PngSignature() + PngHeader() + PngChunk("gAMA", Be32(45455)) + PngPixels() +
                     PngChunk("IEND", ""));
  EXPECT_EQ(*StripPng(out), out);
}

TEST(PhotoCheck, BrokenPngIsCorrupt) {
  std::string in = PngWithGps();
  std::size_t iend = in.find("IEND");
  for (std::size_t n = 8; n < iend + 8; n += 3) {
    auto out = StripPng(std::string_view(in).substr(0, n));
    ASSERT_FALSE(out.ok()) << n;
    EXPECT_EQ(out.error().code, "cases.photo.corrupt");
  }
  // The first chunk must be IHDR; a length past the end is refused.
  EXPECT_FALSE(StripPng(PngSignature() + PngPixels() + PngChunk("IEND", "")).ok());
  std::string huge = PngSignature() + Be32(0xFFFFFFF0) + "IHDR";
  EXPECT_EQ(StripPng(huge).error().code, "cases.photo.corrupt");
}

TEST(PhotoCheck, WebpLosesExifAndXmpAndItsFlags) {
  std::string out;
  ASSERT_NO_FATAL_FAILURE(ExpectCleaned(WebpWithGps(), "image/webp", out));
  EXPECT_FALSE(Contains(out, "XMP "));
  EXPECT_EQ(WebpChunkTypes(out), "VP8X,ICCP,VP8L");
  // VP8X keeps ICC and alpha, no longer announces EXIF or XMP.
  EXPECT_EQ(static_cast<unsigned char>(out[20]), 0x30);
  // The RIFF size matches the new length; nothing after it.
  std::uint32_t riff = static_cast<unsigned char>(out[4]) |
                       static_cast<unsigned char>(out[5]) << 8 |
                       static_cast<unsigned char>(out[6]) << 16 |
                       static_cast<std::uint32_t>(static_cast<unsigned char>(out[7])) << 24;
  EXPECT_EQ(riff, out.size() - 8);
  EXPECT_EQ(*StripWebp(out), out);
}

TEST(PhotoCheck, BrokenWebpIsCorrupt) {
  std::string in = WebpWithGps();
  // A RIFF size beyond the file, a chunk running past the container, no image chunk first.
  std::string longer = in;
  longer.replace(4, 4, Le32(static_cast<std::uint32_t>(in.size() + 100)));
  EXPECT_EQ(StripWebp(longer).error().code, "cases.photo.corrupt");
  std::string chunks = WebpChunk("VP8X", std::string(10, '\0')) + "VP8L" + Le32(1000) + "abc";
  EXPECT_EQ(StripWebp(Riff(chunks)).error().code, "cases.photo.corrupt");
  EXPECT_EQ(StripWebp(Riff(WebpChunk("EXIF", ExifTiff(false)))).error().code,
            "cases.photo.corrupt");
  EXPECT_EQ(StripWebp(Riff("")).error().code, "cases.photo.corrupt");
  for (std::size_t n = 0; n < in.size(); ++n)
    (void)CheckPhoto(std::string_view(in).substr(0, n));  // no crash
}

TEST(PhotoCheck, TiffGpsRemovalStaysInsideTheBlock) {
  // A GPS IFD whose value offsets point everywhere, including IFD0 itself and past the end.
  TiffBytes t{false};
  std::string b = "II" + t.U16(42) + t.U32(8);
  b += t.U16(2) + t.Entry(0x0112, 3, 1, t.U16(3) + t.U16(0)) + t.Entry(0x8825, 4, 1, t.U32(38)) +
       t.U32(0);
  b += t.U16(3) + t.Entry(0x0002, 5, 3, t.U32(8)) + t.Entry(0x0004, 5, 0xFFFFFFFF, t.U32(40)) +
       t.Entry(0x0006, 5, 1, t.U32(0xFFFFFFF0)) + t.U32(0);
  std::string copy = b;
  EXPECT_TRUE(RemoveTiffGps(copy));
  EXPECT_EQ(copy.size(), b.size());
  EXPECT_FALSE(Ifd0(copy).count(0x8825));
  // Too short or not a TIFF at all.
  std::string tiny = "II*";
  EXPECT_FALSE(RemoveTiffGps(tiny));
  std::string wrong = "XX" + t.U16(42) + t.U32(8);
  EXPECT_FALSE(RemoveTiffGps(wrong));
}

}  // namespace
}  // namespace jiceng::cases
