// A QR code of a text as an SVG image (libqrencode), so the console can show an enrolment
// code without a script library and without sending the secret anywhere.
#pragma once
#include <string>

namespace jiceng::core::text {

// An SVG of the QR code (error correction M, a 4-module quiet zone), or "" if the text does
// not fit in a QR code.
std::string QrSvg(const std::string& text);

}  // namespace jiceng::core::text
