// Case photos (cases/photos/photo_check): any bytes uploaded as a photo. The check must refuse
// what it cannot parse with a cases.photo.* code, and what it accepts must keep its type, not
// grow (but for a WebP pad byte), and pass the check again (it is stored and served as is).
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "modules/cases/photos/photo_check.hpp"

using namespace jiceng;

namespace {

void CheckError(const core::DomainError& e) {
  JICENG_FUZZ_CHECK(e.code == "cases.photo.empty" || e.code == "cases.photo.too_large" ||
                    e.code == "cases.photo.type" || e.code == "cases.photo.corrupt");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes = fuzz::Text(data, size);
  // Each stripper on any bytes, whatever the magic says.
  for (auto strip : {&cases::StripJpeg, &cases::StripPng, &cases::StripWebp}) {
    auto r = strip(bytes);
    if (!r.ok()) CheckError(r.error());
  }
  std::string tiff(bytes);
  (void)cases::RemoveTiffGps(tiff);
  JICENG_FUZZ_CHECK(tiff.size() == size);  // in place: never moves or resizes the block

  auto checked = cases::CheckPhoto(bytes);
  if (!checked.ok()) {
    CheckError(checked.error());
    return 0;
  }
  const cases::CheckedPhoto& photo = checked.value();
  JICENG_FUZZ_CHECK(cases::SniffPhotoType(photo.bytes) == photo.type);
  JICENG_FUZZ_CHECK(photo.mime == cases::MimeOf(photo.type));
  // Only a WebP chunk whose pad byte was missing grows, by that byte.
  JICENG_FUZZ_CHECK(photo.bytes.size() <= size + 1);
  auto again = cases::CheckPhoto(photo.bytes);
  // Stored and served as is, so it must pass again. Not byte for byte: an Exif block whose IFD1
  // overlaps IFD0 (hostile offsets, no camera writes that) has entries moved into IFD0 by the
  // first pass that a second pass strips in turn.
  JICENG_FUZZ_CHECK(again.ok() && again.value().type == photo.type);
  return 0;
}
