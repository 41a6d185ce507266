// Open311 GeoReport v2 XML: the JSON of a response written as XML by the same structure the
// spec's JSON follows (the "Spark convention"): an object's members become child elements in
// order, an array becomes repeated child elements named by its parent ("services" holds
// "service" elements), null and "" become empty elements, booleans "true"/"false".
//
// Text goes through core::text::EscapeMarkup, so whatever a case's description holds, a client's
// parser accepts the document.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace jiceng::cases::open311 {

using OJson = nlohmann::ordered_json;

// The element name of the items of an array named `parent`: services → service,
// service_requests → request, attributes → attribute, values → value, errors → error,
// endpoints → endpoint, formats → format; anything else → "item".
std::string XmlItemName(std::string_view parent);

// `<?xml version="1.0" encoding="utf-8"?>` and `value` as the element `root`.
std::string ToXml(std::string_view root, const OJson& value);

}  // namespace jiceng::cases::open311
