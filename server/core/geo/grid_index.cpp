#include "core/geo/grid_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace jiceng::core::geo {
namespace {

// STR-tree node capacity: GEOS's default; 10k grids give a tree of depth 4.
constexpr size_t kNodeCapacity = 10;

// Candidate indexes from one tree query. Grids do not overlap, so a point's envelope hits one or
// a few boxes: an inline buffer avoids a heap allocation per lookup.
struct Candidates {
  static constexpr size_t kInline = 16;
  uint32_t inline_items[kInline];
  size_t count = 0;
  std::vector<uint32_t> overflow;

  void Add(uint32_t index) {
    if (count < kInline) {
      inline_items[count++] = index;
    } else {
      overflow.push_back(index);
    }
  }
};

void CollectCandidate(void* item, void* userdata) {
  static_cast<Candidates*>(userdata)->Add(static_cast<uint32_t>(reinterpret_cast<uintptr_t>(item)));
}

void IgnoreItem(void*, void*) {}

}  // namespace

std::shared_ptr<const GridIndex> GridIndex::Build(std::vector<GridEntry> entries) {
  std::erase_if(entries, [](const GridEntry& e) { return e.polygon.empty(); });
  std::sort(entries.begin(), entries.end(),
            [](const GridEntry& a, const GridEntry& b) { return a.code < b.code; });

  std::shared_ptr<GridIndex> index(new GridIndex());
  GEOSContextHandle_t ctx = GeosContext();
  index->entries_ = std::move(entries);
  index->tree_ = GEOSSTRtree_create_r(ctx, kNodeCapacity);
  Bounds& all = index->bounds_;
  all = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
         std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
  for (size_t i = 0; i < index->entries_.size(); ++i) {
    const GEOSGeometry* g = index->entries_[i].polygon.geos();
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(ctx, g);
    index->prepared_.push_back(prepared);
    GEOSSTRtree_insert_r(ctx, index->tree_, g, reinterpret_cast<void*>(static_cast<uintptr_t>(i)));

    // Prepared polygons build their point locator (and its interval tree) on the first
    // predicate call, without locking. Do that here, single-threaded, with a point inside the
    // envelope so the envelope short-cut does not skip it.
    Bounds b = GetBounds(index->entries_[i].polygon);
    GEOSGeometry* probe =
        GEOSGeom_createPointFromXY_r(ctx, (b.min_lng + b.max_lng) / 2, (b.min_lat + b.max_lat) / 2);
    GEOSPreparedContains_r(ctx, prepared, probe);
    GEOSPreparedCovers_r(ctx, prepared, probe);
    GEOSGeom_destroy_r(ctx, probe);
    all = {std::min(all.min_lng, b.min_lng), std::min(all.min_lat, b.min_lat),
           std::max(all.max_lng, b.max_lng), std::max(all.max_lat, b.max_lat)};
  }
  // The STR-tree packs itself on the first query; force that too.
  GEOSGeometry* probe = GEOSGeom_createPointFromXY_r(ctx, 0, 0);
  GEOSSTRtree_query_r(ctx, index->tree_, probe, &IgnoreItem, nullptr);
  GEOSGeom_destroy_r(ctx, probe);
  return index;
}

GridIndex::~GridIndex() {
  GEOSContextHandle_t ctx = GeosContext();
  if (tree_) GEOSSTRtree_destroy_r(ctx, tree_);
  for (const GEOSPreparedGeometry* p : prepared_) GEOSPreparedGeom_destroy_r(ctx, p);
  // entries_ (the polygons the prepared geometries point into) are destroyed after this body.
}

std::optional<std::string> GridIndex::Locate(double lng, double lat) const {
  // Also rejects NaN, which GEOS would not.
  if (!(lng >= bounds_.min_lng && lng <= bounds_.max_lng && lat >= bounds_.min_lat &&
        lat <= bounds_.max_lat)) {
    return std::nullopt;
  }
  GEOSContextHandle_t ctx = GeosContext();
  GEOSGeometry* point = GEOSGeom_createPointFromXY_r(ctx, lng, lat);
  Candidates candidates;
  // The tree was packed in Build(), so this query only reads it.
  GEOSSTRtree_query_r(ctx, tree_, point, &CollectCandidate, &candidates);
  std::sort(candidates.inline_items, candidates.inline_items + candidates.count);

  // Indexes are in code order: the first matching candidate has the smallest code. Overflow
  // (more than 16 boxes around one point) is pathological; check it after, keeping the minimum.
  // Contains first, as in the raw GEOS idiom; Covers runs only when no candidate contains the
  // point, i.e. when it lies on an edge, and assigns it to the smallest code covering it.
  std::optional<uint32_t> found;
  for (auto predicate : {&GEOSPreparedContains_r, &GEOSPreparedCovers_r}) {
    for (size_t i = 0; i < candidates.count && !found; ++i) {
      uint32_t c = candidates.inline_items[i];
      if (predicate(ctx, prepared_[c], point) == 1) found = c;
    }
    for (uint32_t c : candidates.overflow) {
      if ((!found || c < *found) && predicate(ctx, prepared_[c], point) == 1) found = c;
    }
    if (found) break;
  }
  GEOSGeom_destroy_r(ctx, point);
  if (!found) return std::nullopt;
  return entries_[*found].code;
}

void GridLocator::Replace(std::shared_ptr<const GridIndex> index) {
  std::lock_guard lock(mutex_);
  index_.swap(index);
  // The old index (now in `index`) is released after the lock, outside the critical section.
}

std::shared_ptr<const GridIndex> GridLocator::Current() const {
  std::lock_guard lock(mutex_);
  return index_;
}

std::optional<std::string> GridLocator::Locate(double lng, double lat) const {
  std::shared_ptr<const GridIndex> index = Current();
  if (!index) return std::nullopt;
  return index->Locate(lng, lat);
}

size_t GridLocator::size() const {
  std::shared_ptr<const GridIndex> index = Current();
  return index ? index->size() : 0;
}

}  // namespace jiceng::core::geo
