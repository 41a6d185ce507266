#include "modules/people/imports/import_job.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/app/call.hpp"
#include "core/module_names.hpp"
#include "core/tabular/table_reader.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/imports/import_store.hpp"
#include "modules/people/residents/resident_store.hpp"

namespace jiceng::people {

namespace fs = std::filesystem;
using core::tabular::Row;

std::optional<ImportMode> ParseImportMode(std::string_view text) {
  if (text == "dry_run") return ImportMode::kDryRun;
  if (text == "all_or_nothing") return ImportMode::kAllOrNothing;
  if (text == "valid_only") return ImportMode::kValidOnly;
  return std::nullopt;
}

const char* ImportModeName(ImportMode mode) {
  switch (mode) {
    case ImportMode::kDryRun:
      return "dry_run";
    case ImportMode::kAllOrNothing:
      return "all_or_nothing";
    case ImportMode::kValidOnly:
      return "valid_only";
  }
  return "dry_run";
}

namespace {

constexpr const char* kGridColumn = "网格编码";
constexpr const char* kHouseholdColumn = "户号";
constexpr const char* kIdColumn = "证件号码";

// Splits [0, n) over up to `threads` threads; fn(begin, end) must touch only its own rows.
void ParallelFor(std::size_t n, int threads,
                 const std::function<void(std::size_t, std::size_t)>& fn) {
  std::size_t parts =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), (n + 255) / 256);
  if (parts <= 1) {
    if (n > 0) fn(0, n);
    return;
  }
  std::vector<std::thread> pool;
  std::size_t step = (n + parts - 1) / parts;
  for (std::size_t b = step; b < n; b += step) pool.emplace_back(fn, b, std::min(n, b + step));
  fn(0, std::min(n, step));
  for (auto& t : pool) t.join();
}

struct RawRow {
  std::int64_t number = 0;
  Row cells;
};

// A checked row: the parsed resident, its problems, and where its ID number is registered.
struct CheckedRow {
  ImportRow row;
  std::vector<ImportError> errors;
  std::optional<ExistingResident> existing;
};

// A row ready for the writer.
struct PreparedRow {
  ImportRow row;
  SealedResident sealed;
};

Json ErrorsJson(const std::vector<ImportError>& errors) {
  Json out = Json::array();
  for (const auto& e : errors) {
    out.push_back({{"row", e.row}, {"column", e.column}, {"code", e.code}, {"message", e.message}});
  }
  return out;
}

class Importer {
 public:
  Importer(PeopleContext& ctx, const ImportCaller& caller, const std::string& path, ImportMode mode,
           ImportStatus status, const ImportOptions& options,
           const std::function<void(const ImportStatus&)>& report)
      : ctx_(ctx),
        caller_(caller),
        path_(path),
        mode_(mode),
        st_(std::move(status)),
        options_(options),
        report_(report),
        validation_(ctx.Validation()) {
    threads_ = options.worker_threads > 0
                   ? options.worker_threads
                   : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    batch_ = std::max<std::size_t>(options.batch_rows, 1);
    now_ = ctx.clock.NowMs();
  }

  ImportStatus Run() {
    st_.status = "running";
    st_.phase = "checking";
    st_.mode = ImportModeName(mode_);
    Report();
    if (auto r = Check(); !r.ok()) return Finish(r.error());
    bool write = mode_ == ImportMode::kValidOnly      ? st_.valid_rows > 0
                 : mode_ == ImportMode::kAllOrNothing ? st_.error_rows == 0 && st_.valid_rows > 0
                                                      : false;
    if (write) {
      st_.phase = "writing";
      Report();
      if (auto r = WritePass(); !r.ok()) return Finish(r.error());
    }
    return Finish({});
  }

 private:
  bool Cancelled() const { return options_.cancel && options_.cancel->load(); }

  void Report() {
    if (report_) report_(st_);
  }

  void AddError(ImportError e) {
    ++st_.error_count;
    if (st_.errors.size() < kMaxListedErrors) st_.errors.push_back(std::move(e));
  }

  // Pass 1: every row parsed and validated, grids and households checked against the caller's
  // scope, ID numbers against the rest of the file and the database. Nothing is written.
  Result<void> Check() {
    std::optional<DomainError> header_error;
    std::vector<RawRow> chunk;
    Result<void> chunk_result;
    auto flush = [&] {
      if (chunk.empty() || !chunk_result.ok()) return;
      chunk_result = CheckChunk(chunk);
      chunk.clear();
      Report();
    };
    auto read = core::tabular::ReadTable(
        path_,
        [&](std::size_t number, const Row& cells) {
          if (!header_) {
            auto h = MapImportHeader(cells);
            if (!h.ok()) {
              header_error = h.error();
              return false;
            }
            header_ = *h;
            return true;
          }
          ++st_.total_rows;
          chunk.push_back({static_cast<std::int64_t>(number), cells});
          if (chunk.size() >= batch_) flush();
          return chunk_result.ok() && !Cancelled();
        },
        [&](double f) { SetProgress(f, 0); });
    if (!read.ok()) return read.error();
    if (header_error) return *header_error;
    if (!header_)
      return DomainError::Invalid("import.file.empty", "文件中没有表头和数据行", "file");
    flush();
    if (!chunk_result.ok()) return chunk_result;
    if (Cancelled()) return DomainError::Internal("import.cancelled", "服务停止，导入已中断");
    if (st_.total_rows == 0)
      return DomainError::Invalid("import.file.empty", "文件中没有数据行", "file");
    return {};
  }

  Result<void> CheckChunk(std::vector<RawRow>& chunk) {
    std::vector<CheckedRow> checked(chunk.size());
    std::vector<DomainError> failures;
    std::mutex failures_mu;
    ParallelFor(chunk.size(), threads_, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        checked[i].row = ParseImportRow(*header_, chunk[i].number, chunk[i].cells, validation_,
                                        checked[i].errors);
      }
      // Registered ID numbers, each worker on its own read connection.
      auto r = ctx_.db.Read([&](core::db::Session& s) -> Result<void> {
        ResidentStore store(s, ctx_.privacy);
        for (std::size_t i = b; i < e; ++i) {
          if (!IdUsable(checked[i])) continue;
          JC_ASSIGN_OR_RETURN(checked[i].existing,
                              store.FindByIdNumber(checked[i].row.resident.id_number));
        }
        return {};
      });
      if (!r.ok()) {
        std::lock_guard lock(failures_mu);
        failures.push_back(r.error());
      }
    });
    if (!failures.empty()) return failures.front();
    for (auto& c : checked) {
      if (IdUsable(c)) ++ids_checked_;
      JC_TRY(CheckInContext(c));
      ++st_.processed_rows;
      if (c.errors.empty()) {
        ++st_.valid_rows;
      } else {
        ++st_.error_rows;
        bad_rows_.insert(c.row.row);
        for (auto& e : c.errors) AddError(std::move(e));
      }
    }
    return {};
  }

  // The duplicate check needs an ID number that parsed (no error on the ID column).
  static bool IdUsable(const CheckedRow& c) {
    if (c.row.resident.id_number.empty()) return false;
    for (const auto& e : c.errors)
      if (e.column == kIdColumn) return false;
    return true;
  }

  // The checks that depend on other rows, the database or the caller, in file order.
  Result<void> CheckInContext(CheckedRow& c) {
    const Resident& r = c.row.resident;
    std::int64_t row = c.row.row;
    bool grid_ok = false;
    if (r.org_code.size() == 15) {
      JC_ASSIGN_OR_RETURN(grid_ok, GridAllowed(r.org_code));
      if (!grid_ok) {
        c.errors.push_back({row, kGridColumn, "people.grid.not_found",
                            "网格“" + r.org_code + "”不存在或不在您的管辖范围内"});
      }
    }
    if (IdUsable(c)) {
      auto [it, fresh] = ids_in_file_.emplace(r.id_number, row);
      if (!fresh) {
        c.errors.push_back({row, kIdColumn, "people.resident.duplicate",
                            "证件号码与第 " + std::to_string(it->second) + " 行重复"});
      } else if (c.existing) {
        if (caller_.who.scope.Covers(c.existing->org_code)) {
          c.errors.push_back(
              {row, kIdColumn, "people.resident.duplicate",
               "该证件号码已登记（居民编号 " + std::to_string(c.existing->id) + "）"});
        } else {
          ++registered_elsewhere_;
          c.errors.push_back({row, kIdColumn, "people.resident.registered_elsewhere",
                              "该证件号码已在其他地区登记"});
        }
      }
    }
    if (!c.row.household_number.empty() && grid_ok) {
      const std::string& number = c.row.household_number;
      auto known = household_grid_.find(number);
      if (known == household_grid_.end()) {
        std::optional<ExistingHousehold> existing;
        JC_TRY(ctx_.db.Read([&](core::db::Session& s) -> Result<void> {
          JC_ASSIGN_OR_RETURN(existing, ImportStore(s).FindHousehold(number));
          return {};
        }));
        known = household_grid_.emplace(number, existing ? existing->org_code : r.org_code).first;
      }
      if (known->second != r.org_code) {
        c.errors.push_back({row, kHouseholdColumn, "people.household.other_grid",
                            "户号“" + number + "”已属于其他网格"});
      }
    }
    return {};
  }

  Result<bool> GridAllowed(const std::string& code) {
    if (auto it = grids_.find(code); it != grids_.end()) return it->second;
    bool ok = caller_.who.scope.Covers(code) && ctx_.org_name && ctx_.org_name(code).has_value();
    grids_.emplace(code, ok);
    return ok;
  }

  // Pass 2: the good rows read again, sealed on the worker pool while the previous batch is
  // written. valid_only commits batch by batch; all_or_nothing in one transaction.
  Result<void> WritePass() {
    if (mode_ == ImportMode::kAllOrNothing) {
      Result<void> r = ctx_.db.WriteExclusive([&](core::db::Session& s) -> Result<void> {
        return ReadAndWrite([&](std::vector<PreparedRow>& rows) { return WriteRows(s, rows); });
      });
      if (!r.ok()) {
        st_.inserted_rows = 0;
        households_.clear();
        houses_.clear();
      }
      return r;
    }
    return ReadAndWrite([&](std::vector<PreparedRow>& rows) -> Result<void> {
      std::int64_t before = st_.inserted_rows;
      Result<void> r =
          ctx_.db.WriteExclusive([&](core::db::Session& s) { return WriteRows(s, rows); });
      if (r.ok()) return r;
      // Someone registered one of these ID numbers since the check: write the batch row by row
      // so that only the conflicting rows are left out.
      st_.inserted_rows = before;
      households_.clear();
      houses_.clear();
      for (auto& p : rows) {
        std::vector<PreparedRow> one;
        one.push_back(std::move(p));
        Result<void> single =
            ctx_.db.Write([&](core::db::Session& s) { return WriteRows(s, one); });
        if (!single.ok()) {
          households_.clear();
          houses_.clear();
          if (single.error().kind != core::ErrorKind::kConflict) return single;
          --st_.valid_rows;
          ++st_.error_rows;
          AddError({one[0].row.row, kIdColumn, single.error().code, single.error().message});
        }
      }
      return {};
    });
  }

  Result<void> ReadAndWrite(const std::function<Result<void>(std::vector<PreparedRow>&)>& write) {
    std::vector<RawRow> chunk;
    std::future<std::vector<PreparedRow>> pending;
    Result<void> status;
    auto write_pending = [&] {
      if (!pending.valid()) return;
      auto rows = pending.get();
      if (status.ok()) status = write(rows);
      Report();
    };
    auto flush = [&] {
      if (chunk.empty()) return;
      auto next = std::async(std::launch::async,
                             [this, c = std::move(chunk)]() mutable { return Prepare(c); });
      chunk.clear();
      write_pending();
      pending = std::move(next);
    };
    bool header_seen = false;
    auto read = core::tabular::ReadTable(
        path_,
        [&](std::size_t number, const Row& cells) {
          if (!header_seen) {
            header_seen = true;
            return true;
          }
          if (bad_rows_.count(static_cast<std::int64_t>(number))) return true;
          chunk.push_back({static_cast<std::int64_t>(number), cells});
          if (chunk.size() >= batch_) flush();
          return status.ok() && !Cancelled();
        },
        [&](double f) { SetProgress(1, f); });
    flush();
    write_pending();
    if (!read.ok()) return read.error();
    JC_TRY(status);
    if (Cancelled()) return DomainError::Internal("import.cancelled", "服务停止，导入已中断");
    return {};
  }

  std::vector<PreparedRow> Prepare(std::vector<RawRow>& chunk) {
    std::vector<PreparedRow> out(chunk.size());
    ParallelFor(chunk.size(), threads_, [&](std::size_t b, std::size_t e) {
      std::vector<ImportError> ignored;  // the check pass reported them
      for (std::size_t i = b; i < e; ++i) {
        out[i].row =
            ParseImportRow(*header_, chunk[i].number, chunk[i].cells, validation_, ignored);
        out[i].sealed = SealResident(out[i].row.resident, ctx_.privacy);
      }
    });
    return out;
  }

  Result<void> WriteRows(core::db::Session& s, std::vector<PreparedRow>& rows) {
    ResidentStore residents(s, ctx_.privacy);
    ImportStore places(s);
    const std::string& actor = caller_.who.username;
    std::vector<TermRow> terms;
    terms.reserve(rows.size() * 20);
    for (auto& p : rows) {
      Resident& r = p.row.resident;
      if (!p.row.house_address.empty()) {
        auto key = r.org_code + '\n' + p.row.house_address;
        auto it = houses_.find(key);
        if (it == houses_.end()) {
          JC_ASSIGN_OR_RETURN(auto found, places.FindHouse(r.org_code, p.row.house_address));
          std::int64_t id = 0;
          if (found) {
            id = *found;
          } else {
            JC_ASSIGN_OR_RETURN(id, places.InsertHouse(r.org_code, p.row.house_address, now_));
          }
          it = houses_.emplace(key, id).first;
        }
        r.house_id = it->second;
      }
      if (!p.row.household_number.empty()) {
        auto it = households_.find(p.row.household_number);
        if (it == households_.end()) {
          JC_ASSIGN_OR_RETURN(auto found, places.FindHousehold(p.row.household_number));
          std::int64_t id = 0;
          if (found) {
            id = found->id;
          } else {
            JC_ASSIGN_OR_RETURN(
                id, places.InsertHousehold(p.row.household_number, r.org_code, r.house_id, now_));
          }
          it = households_.emplace(p.row.household_number, id).first;
        }
        r.household_id = it->second;
      }
      JC_TRY(residents.InsertRowOnly(r, actor, now_, p.sealed, terms));
      if (r.household_id && r.relation == kHeadRelation)
        JC_TRY(places.SetHeadIfNone(*r.household_id, r.id, now_));
      ++st_.inserted_rows;
    }
    return residents.InsertTerms(terms);
  }

  void SetProgress(double read_fraction, double write_fraction) {
    double p =
        mode_ == ImportMode::kDryRun ? read_fraction : 0.4 * read_fraction + 0.6 * write_fraction;
    st_.progress = std::clamp(p, 0.0, 1.0);
  }

  // The job's row in people_imports and its audit row, in one transaction.
  ImportStatus Finish(const Result<void>& outcome) {
    if (!outcome.ok()) {
      st_.status = "failed";
      st_.failure = outcome.error().message;
      const auto& e = outcome.error();
      if (e.code.rfind("import.", 0) == 0 || e.kind != core::ErrorKind::kInternal) {
        AddError({e.code == "import.file.columns" ? 1 : 0, "", e.code, e.message});
      } else {
        spdlog::error("import {} failed: {} {}", st_.id, e.code, e.message);
      }
    } else {
      st_.status = "done";
    }
    st_.phase.clear();
    st_.progress = 1;
    st_.finished_at = ctx_.clock.NowMs();
    ImportRecord rec = st_;
    Json stored = {{"errors", ErrorsJson(st_.errors)},
                   {"error_count", st_.error_count},
                   {"failure", st_.failure}};
    rec.errors_json = stored.dump();
    core::app::Call call{caller_.who, caller_.request_id, caller_.source};
    Json summary = {{"filename", st_.filename},
                    {"mode", st_.mode},
                    {"status", st_.status},
                    {"total_rows", st_.total_rows},
                    {"valid_rows", st_.valid_rows},
                    {"error_rows", st_.error_rows},
                    {"inserted_rows", st_.inserted_rows}};
    auto saved = ctx_.db.Write([&](core::db::Session& s) -> Result<void> {
      if (rec.id > 0) JC_TRY(ImportStore(s).FinishJob(rec));
      if (ids_checked_ > 0) {
        // The check answers "registered elsewhere" for ID numbers anywhere in the database,
        // beyond the importer's scope: who asked about how many is on record (the numbers
        // themselves are not written down).
        JC_TRY(ctx_.audit.Append(s, call.Audit("people.import.id_check", "import",
                                               std::to_string(st_.id), caller_.who.org_code,
                                               {{"mode", st_.mode},
                                                {"id_numbers_checked", ids_checked_},
                                                {"registered_elsewhere", registered_elsewhere_}})));
      }
      return ctx_.audit.Append(s, call.Audit("people.import", "import", std::to_string(st_.id),
                                             caller_.who.org_code, summary));
    });
    if (!saved.ok())
      spdlog::error("import {}: saving the result failed: {}", st_.id, saved.error().message);
    Report();
    return st_;
  }

  PeopleContext& ctx_;
  const ImportCaller& caller_;
  std::string path_;
  ImportMode mode_;
  ImportStatus st_;
  ImportOptions options_;
  const std::function<void(const ImportStatus&)>& report_;
  ValidationContext validation_;
  int threads_ = 1;
  std::size_t batch_ = 8192;
  std::int64_t now_ = 0;

  std::optional<ImportHeader> header_;
  std::int64_t ids_checked_ = 0;           // ID numbers looked up in the whole database
  std::int64_t registered_elsewhere_ = 0;  // of them, registered outside the caller's scope
  std::unordered_set<std::int64_t> bad_rows_;
  std::unordered_map<std::string, std::int64_t> ids_in_file_;    // ID number -> first row
  std::unordered_map<std::string, std::string> household_grid_;  // number -> grid
  std::unordered_map<std::string, bool> grids_;                  // grid -> importable
  std::unordered_map<std::string, std::int64_t> households_;     // number -> id (written)
  std::unordered_map<std::string, std::int64_t> houses_;         // grid \n address -> id
};

}  // namespace

ImportStatus RunImport(PeopleContext& ctx, const ImportCaller& caller, const std::string& path,
                       ImportMode mode, ImportStatus status, const ImportOptions& options,
                       const std::function<void(const ImportStatus&)>& on_progress) {
  Importer importer(ctx, caller, path, mode, std::move(status), options, on_progress);
  return importer.Run();
}

}  // namespace jiceng::people
