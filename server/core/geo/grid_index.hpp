// Point → grid lookup: which grid does a reported problem at (lng, lat) belong to?
//
// GridIndex is immutable after Build() and safe for any number of concurrent readers: every lazy
// structure inside GEOS (the STR-tree and each prepared polygon's point locator) is forced at
// build time, so queries only read shared state. GridLocator publishes the current index and lets
// a rebuild (after a grid is edited) replace it without blocking readers while it builds.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/geo/geometry.hpp"

namespace jiceng::core::geo {

struct GridEntry {
  std::string code;
  Polygon polygon;
};

class GridIndex {
 public:
  // Entries with an empty polygon are skipped. Never fails: the polygons are already valid.
  static std::shared_ptr<const GridIndex> Build(std::vector<GridEntry> entries);

  ~GridIndex();
  GridIndex(const GridIndex&) = delete;
  GridIndex& operator=(const GridIndex&) = delete;

  // The code of the grid covering the point (its boundary included), or nullopt. If several
  // grids cover it (a point on a shared edge; overlaps are rejected upstream) the
  // lexicographically smallest code wins, so the answer is deterministic.
  std::optional<std::string> Locate(double lng, double lat) const;

  size_t size() const { return entries_.size(); }

 private:
  GridIndex() = default;

  std::vector<GridEntry> entries_;  // sorted by code, so a smaller index is a smaller code
  std::vector<const GEOSPreparedGeometry*> prepared_;  // parallel to entries_
  GEOSSTRtree* tree_ = nullptr;  // items are indexes into entries_; read-only once built
  Bounds bounds_;                // of all entries: rejects far-away points without GEOS
};

class GridLocator {
 public:
  GridLocator() = default;
  explicit GridLocator(std::shared_ptr<const GridIndex> index) : index_(std::move(index)) {}

  // Publishes a new index. Readers holding the old one finish with it; the last one frees it.
  void Replace(std::shared_ptr<const GridIndex> index);
  std::shared_ptr<const GridIndex> Current() const;
  std::optional<std::string> Locate(double lng, double lat) const;
  size_t size() const;

 private:
  // The mutex guards only the pointer copy (a few nanoseconds), never a lookup or a rebuild.
  // Not std::atomic<std::shared_ptr>: libstdc++ 12 unlocks it with a relaxed RMW after a
  // load, which ThreadSanitizer rightly reports as a race against the next store.
  mutable std::mutex mutex_;
  std::shared_ptr<const GridIndex> index_;
};

}  // namespace jiceng::core::geo
