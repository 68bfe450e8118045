#include "runtime/outcome_report.h"

#include "util/json_quote.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace retort {
namespace fs = std::filesystem;
namespace {

const char* outcome_name(DatabaseOutcome::State state) {
  switch (state) {
    case DatabaseOutcome::State::kDone: return "done";
    case DatabaseOutcome::State::kFailed: return "failed";
    case DatabaseOutcome::State::kSkipped: return "skipped";
  }
  return "skipped";
}

Error write_error(const fs::path& path, int error_number) {
  return Error(std::string("cannot write the report: ") + std::strerror(error_number))
      .at(path.string())
      .hint("give --report a file in a folder that exists and that you can write to");
}

}  // namespace

OutcomeReport::OutcomeReport(fs::path path, fs::path temporary, std::FILE* file)
    : path_(std::move(path)), temporary_(std::move(temporary)), file_(file) {}

OutcomeReport::OutcomeReport(OutcomeReport&& other) noexcept
    : path_(std::move(other.path_)),
      temporary_(std::move(other.temporary_)),
      file_(other.file_),
      entries_(other.entries_) {
  other.file_ = nullptr;
  other.temporary_.clear();
}

OutcomeReport::~OutcomeReport() {
  if (file_) std::fclose(file_);
  if (!temporary_.empty()) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

Result<OutcomeReport> OutcomeReport::create(const fs::path& path) {
  // Beside the file, so that the rename at the end stays on one file system and is atomic.
  fs::path temporary = path;
  temporary += "." + std::to_string(::getpid()) + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) return write_error(path, errno);
  OutcomeReport report(path, temporary, file);
  RETORT_TRY(report.write("{\"databases\": ["));
  return report;
}

Status OutcomeReport::write(const std::string& text) {
  if (!file_) return Error("the report is already finished").at(path_.string());
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) return write_error(path_, errno);
  return Status();
}

Status OutcomeReport::entry(const std::string& name, const char* outcome, const std::vector<std::string>& revisions,
                            const std::string* error, double seconds) {
  char seconds_text[32];
  std::snprintf(seconds_text, sizeof seconds_text, "%.3f", seconds < 0 ? 0.0 : seconds);
  std::string text = entries_++ == 0 ? "\n  " : ",\n  ";
  text += "{\"name\": " + json_quote(name) + ", \"outcome\": \"" + outcome + "\", \"revisions\": " +
          json_quote_array(revisions) + ", \"error\": " + (error ? json_quote(*error) : std::string("null")) +
          ", \"seconds\": " + seconds_text + "}";
  return write(text);
}

Status OutcomeReport::add(const DatabaseOutcome& outcome) {
  std::string because;
  if (outcome.state == DatabaseOutcome::State::kFailed && outcome.error) because = outcome.error->to_string();
  if (outcome.state == DatabaseOutcome::State::kSkipped) because = outcome.skipped_because;
  const bool has_error = outcome.state != DatabaseOutcome::State::kDone;
  return entry(outcome.database->name, outcome_name(outcome.state), outcome.report.revisions,
               has_error ? &because : nullptr, outcome.seconds);
}

Status OutcomeReport::add_failed(const DatabaseConfig& database, const Error& error) {
  const std::string text = error.to_string();
  return entry(database.name, "failed", {}, &text, 0);
}

Status OutcomeReport::finish() {
  RETORT_TRY(write(entries_ == 0 ? "]}\n" : "\n]}\n"));
  std::FILE* file = file_;
  file_ = nullptr;
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const int flush_errno = errno;
  if (std::fclose(file) != 0 || !flushed) return write_error(path_, flushed ? errno : flush_errno);
  std::error_code ec;
  fs::rename(temporary_, path_, ec);
  if (ec) return Error("cannot write the report: " + ec.message()).at(path_.string());
  temporary_.clear();
  return Status();
}

}  // namespace retort
