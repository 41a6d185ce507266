// What a demo case says and where: descriptions drawn from templates × places × details per
// category group (so the dispatch desk reads like a county's day, not one label per category),
// and street or village addresses that fit the grid.
#pragma once
#include <random>
#include <string>

#include "modules/cases/catalogue/catalogue.hpp"

namespace jiceng::cases {

// "小区东门污水井盖松动，晚上有人踩空": a place, the problem in the category's words, a detail.
std::string DemoDescription(const Category& category, bool rural, std::mt19937_64& rng);

// "暨阳路 128 号 菜市场东侧" in towns, "第 3 村民小组 文化礼堂旁" in villages.
std::string DemoAddress(bool rural, std::mt19937_64& rng);

}  // namespace jiceng::cases
