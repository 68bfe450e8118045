#include "script/revision_writer.h"

#include "graph/migration_plan.h"
#include "graph/revision_query.h"
#include "util/strings.h"
#include "util/utf8.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <random>

namespace retort {
namespace fs = std::filesystem;

namespace {

// What --head, merge and --depends-on name, read as Alembic reads them (get_revisions).
Result<std::vector<RevIndex>> resolve_many(const ScriptDirectory& scripts, const std::string& text) {
  return Planner(scripts.map(), {}).revisions(text);
}

// The version location `file` lies in (the deepest, should one hold another); its own folder if none.
fs::path location_of(const std::vector<fs::path>& locations, const fs::path& file) {
  fs::path best;
  for (const auto& l : locations) {
    const fs::path rel = file.lexically_relative(l);
    if (rel.empty() || *rel.begin() == "..") continue;
    if (best.empty() || l.string().size() > best.string().size()) best = l;
  }
  return best.empty() ? file.parent_path() : best;
}

}  // namespace

std::string new_revision_id() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd() ^
                      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  static const char* hex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 12; ++i) id += hex[gen() % 16];
  return id;
}

Result<NewRevision> plan_revision(const ScriptDirectory& scripts, const RevisionRequest& req, const RevisionNaming& naming) {
  // TOML files are UTF-8: text that is not cannot be written so that it reads back as given.
  for (const auto& [what, text] : {std::pair<const char*, const std::string&>{"the message", req.message},
                                   std::pair<const char*, const std::string&>{"--rev-id", req.rev_id}}) {
    if (size_t at = invalid_utf8_offset(text); at != std::string::npos)
      return Error(std::string(what) + " is not valid UTF-8 (byte " + std::to_string(at + 1) + " of " +
                   std::to_string(text.size()) + ")")
          .hint("revision files are UTF-8 text: give it in UTF-8 (check the terminal's or script's encoding)");
  }
  const RevisionMap& map = scripts.map();
  NewRevision rev;
  rev.message = req.message;
  rev.branch_labels = req.branch_labels;

  if (!req.merge_of.empty()) {
    std::vector<RevIndex> parents;
    for (const auto& text : req.merge_of) {
      RETORT_ASSIGN_OR_RETURN(auto revs, resolve_many(scripts, text));
      for (RevIndex r : revs)
        if (std::find(parents.begin(), parents.end(), r) == parents.end()) parents.push_back(r);
    }
    if (parents.size() < 2)
      return Error("a merge needs at least two different revisions, got " + std::to_string(parents.size()))
          .hint("`retort heads` lists what there is to merge; `retort merge heads -m ...` merges them all");
    for (RevIndex a : parents) {
      RevisionSet below = map.ancestors({a});
      for (RevIndex b : parents)
        if (a != b && below[b])
          return Error("revision " + map.id(b) + " is an ancestor of " + map.id(a) + ", so there is nothing to merge")
              .hint("merge revisions on different branches, usually heads");
    }
    for (RevIndex p : parents) rev.down_revisions.push_back(map.id(p));
  } else if (req.head == "base") {
    // A new root: nothing below it.
  } else {
    auto dest = resolve_many(scripts, req.head);
    if (!dest.ok()) {
      if (req.head == "head" && map.heads().size() > 1)
        return Error("several heads are present: " + id_list(map, map.heads()))
            .hint("give --head with the revision to build on (or LABEL@head), or merge them first with "
                  "`retort merge heads -m ...`");
      return std::move(dest).error();
    }
    if (dest->size() > 1)
      return Error("--head '" + req.head + "' names " + std::to_string(dest->size()) + " revisions")
          .hint("a new revision builds on one revision; use `retort merge` to join several");
    if (!dest->empty()) {
      RevIndex parent = dest->front();
      if (!map.at(parent).is_head() && !req.splice)
        return Error("revision " + map.id(parent) + " is not a head")
            .hint("pass --splice to start a new branch from it, or build on a head");
      rev.down_revisions.push_back(map.id(parent));
    }
  }

  // As Alembic: a branch label stays a label, a prefix becomes the full id.
  for (const auto& d : req.depends_on) {
    RETORT_ASSIGN_OR_RETURN(std::optional<RevIndex> r, Planner(map, {}).revision(d));
    if (!r) return Error("--depends-on '" + d + "' names no revision").hint("give a revision id, a prefix of one, or a branch label");
    rev.depends_on.push_back(map.at(*r).has_label(d) ? d : map.id(*r));
  }

  rev.id = req.rev_id.empty() ? new_revision_id() : req.rev_id;
  if (map.find(rev.id)) return Error("revision id '" + rev.id + "' already exists").hint("choose another --rev-id");
  for (const auto& label : req.branch_labels)
    if (auto owner = map.find_label(label))
      return Error("branch label '" + label + "' is already used by revision " + map.id(*owner));

  // Check the new revision against the whole tree before writing anything.
  std::vector<RevisionHeader> headers;
  for (RevIndex i = 0; i < map.size(); ++i) headers.push_back(map.at(i).header);
  RevisionHeader h;
  h.id = rev.id;
  h.down_revisions = rev.down_revisions;
  h.depends_on = rev.depends_on;
  h.branch_labels = rev.branch_labels;
  h.location = "new revision";
  headers.push_back(h);
  RETORT_TRY(RevisionMap::build(std::move(headers)).status());

  fs::path folder;
  const auto& locations = scripts.version_locations();
  if (!req.version_path.empty()) {
    folder = fs::absolute(req.version_path).lexically_normal();
    bool known = false;
    for (const auto& l : locations) known = known || l == folder;
    if (!known)
      return Error("--version-path '" + req.version_path + "' is not one of the version locations")
          .hint("add it to version_locations in the config");
  } else if (!rev.down_revisions.empty()) {
    // Alembic puts a revision in the version location of the one it builds on (which may sit in a
    // subfolder of it, with recursive_version_locations).
    auto parent = map.find(rev.down_revisions.front());
    folder = location_of(locations, fs::absolute(fs::path(scripts.file(*parent).path)).lexically_normal());
  } else {
    if (locations.size() > 1)
      return Error("a new base revision needs --version-path when there are several version locations");
    folder = locations.front();
  }
  rev.create_date = naming.create_date.iso();
  const std::tm& t = naming.create_date.local.fields;
  FileNameFields fields;
  fields.rev = rev.id;
  fields.slug = slugify(req.message, naming.truncate_slug_length);
  fields.epoch = static_cast<long long>(naming.create_date.epoch);
  fields.year = t.tm_year + 1900;
  fields.month = t.tm_mon + 1;
  fields.day = t.tm_mday;
  fields.hour = t.tm_hour;
  fields.minute = t.tm_min;
  fields.second = t.tm_sec;
  auto name = naming.file_template.file_name(fields);
  if (!name.ok()) return std::move(name).error().at("file_template \"" + naming.file_template.text() + "\"");
  rev.file = folder / (*name + ".toml");
  return rev;
}

Status write_revision(const NewRevision& rev, const std::string& text) {
  std::error_code ec;
  fs::create_directories(rev.file.parent_path(), ec);
  if (ec) return Error("cannot create folder '" + rev.file.parent_path().string() + "': " + ec.message());
  if (fs::exists(rev.file)) return Error("'" + rev.file.string() + "' already exists; nothing was written");
  std::ofstream out(rev.file, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Error("cannot write '" + rev.file.string() + "'");
  return Status();
}

}  // namespace retort
