// Checks an uploaded case photo and removes where it was taken. Pure: bytes in, bytes out.
//
// The type is decided by the file's magic bytes, never by the client's Content-Type: JPEG, PNG
// and WebP only (what phone cameras and browsers produce and every browser shows). Location
// metadata is stripped from every upload, staff and residents alike: the case already stores
// the problem's location, and STANDARDS.md ("No fingertip formalism") forbids tracking where
// workers are. What is removed:
//   JPEG  the GPS IFD of the Exif block (entries, out-of-line values and the GPSInfo pointer
//         0x8825) in place, so Orientation and the other tags stay; every APPn segment except
//         JFIF (APP0), Exif (APP1), ICC profile (APP2) and Adobe (APP14) — XMP, extended XMP,
//         IPTC/Photoshop, multi-picture (MPF) and vendor blocks may all carry coordinates —
//         comments, and anything after the end of the image (MPF secondary images, trailers).
//         An Exif block that cannot be parsed is dropped whole.
//   PNG   eXIf, every text chunk (tEXt/zTXt/iTXt hold XMP and "Raw profile type exif"), and any
//         ancillary chunk that is not a known rendering chunk; anything after IEND.
//   WebP  EXIF, XMP and unknown chunks, with the EXIF and XMP flags of VP8X cleared.
// Not parsed: vendor MakerNotes inside Exif and the Exif thumbnail (no phone writes GPS there).
// A container whose structure is broken (a length past the end, no end marker) is refused as
// cases.photo.corrupt rather than guessed at.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::cases {

inline constexpr std::size_t kMaxPhotoBytes = 10 * 1024 * 1024;

enum class PhotoType { kJpeg, kPng, kWebp };

// "image/jpeg", "image/png", "image/webp".
const char* MimeOf(PhotoType type);
// The type the first bytes announce; nullopt for anything else (GIF, HEIC, text, ...).
std::optional<PhotoType> SniffPhotoType(std::string_view bytes);

struct CheckedPhoto {
  PhotoType type = PhotoType::kJpeg;
  std::string mime;
  std::string bytes;  // with location metadata removed: what is stored and served
};

// Errors (kind kInvalid; the routes give them their HTTP status): cases.photo.empty (400),
// cases.photo.too_large (over kMaxPhotoBytes, 413), cases.photo.type (415),
// cases.photo.corrupt (400).
core::Result<CheckedPhoto> CheckPhoto(std::string_view bytes);

// The strippers, for tests: each expects its own format (cases.photo.corrupt otherwise).
core::Result<std::string> StripJpeg(std::string_view jpeg);
core::Result<std::string> StripPng(std::string_view png);
core::Result<std::string> StripWebp(std::string_view webp);

// Removes the GPS IFD from a TIFF block (the payload of an Exif segment after "Exif\0\0") in
// place, without moving anything else. False when the header or IFD0 cannot be read (the
// caller then drops the block); true otherwise, whether or not there was a GPS IFD.
bool RemoveTiffGps(std::string& tiff);

}  // namespace jiceng::cases
