// A disclosure as an A4 PDF notice for the physical bulletin board (cairo + pango, Noto CJK),
// with a QR code (libqrencode) to the village's public page.
#pragma once
#include <string>

#include "core/result.hpp"
#include "modules/autonomy/decisions/decision.hpp"

namespace jiceng::autonomy {

// The PDF's bytes. Text passes through RedactNumbers like the public board: a notice on a wall
// never shows ID numbers or phone numbers.
core::Result<std::string> DisclosurePdf(const Disclosure& d, const std::string& village_name,
                                        const std::string& qr_url);

}  // namespace jiceng::autonomy
