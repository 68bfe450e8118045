// Fuzzes what a fleet's source hands retort (config/member_name.h, config/fleet_member.h) and --shard
// (config/shard.h). The first input line is a --shard value, each further line a member name as a source
// would give it. A name is accepted only in the safe alphabet, and an accepted one lands in the member's
// URL and schema exactly where {name} stood, smuggling no URL part, path or quote in; a shard value is
// accepted only as I/N with I < N, and every name belongs to exactly one of the N parts.
#include "fuzz_target.h"

#include "config/fleet_member.h"
#include "config/member_name.h"
#include "config/shard.h"
#include "util/strings.h"

#include <string>

namespace {

bool safe_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

const retort::FleetConfig& tenants() {
  static const retort::FleetConfig fleet = [] {
    retort::FleetConfig f;
    f.name = "tenants";
    f.url = *retort::parse_url("postgresql://app:s3cret@db.example:5432/tenant_{name}?application_name={name}");
    f.schema = "tenant_{name}";
    f.member.name = "tenants";
    f.member.url = f.url;
    return f;
  }();
  return fleet;
}

void check_name(const std::string& name) {
  const auto problem = retort::member_name_problem(name);
  bool safe = !name.empty() && name.size() <= 63 && name.find("..") == std::string::npos && name[0] != '-' &&
              name[0] != '.' && name[0] != '_';
  for (char c : name) safe = safe && safe_character(c);
  FUZZ_CHECK(!problem == safe);
  // An error shows the name only in printable form.
  for (char c : retort::printable(name)) FUZZ_CHECK(c >= 0x20 && c < 0x7f);
  if (problem) return;
  auto member = retort::fleet_member(tenants(), name);
  if (!member.ok()) {
    // Only a schema name PostgreSQL would cut is refused.
    FUZZ_CHECK(std::string("tenant_").size() + name.size() > 63);
    return;
  }
  FUZZ_CHECK(member->name == "tenants/" + name);
  FUZZ_CHECK(member->fleet == "tenants");
  FUZZ_CHECK(member->url.database == "tenant_" + name);
  FUZZ_CHECK(member->url.host == "db.example");
  FUZZ_CHECK(member->url.password == "s3cret");
  FUZZ_CHECK(member->connection_schema == "tenant_" + name);
  FUZZ_CHECK(member->version_table_schema == "tenant_" + name);
  for (const auto& option : member->url.options)
    if (option.first == "application_name") FUZZ_CHECK(option.second == name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> lines = split(text, '\n');
  if (lines.empty()) return 0;
  auto shard = parse_shard(lines[0]);
  if (shard.ok()) FUZZ_CHECK(shard->count >= 1 && shard->index < shard->count);
  for (size_t i = 1; i < lines.size(); ++i) {
    check_name(lines[i]);
    if (!shard.ok() || shard->count > 64) continue;
    int parts = 0;
    for (uint64_t k = 0; k < shard->count; ++k) parts += Shard{k, shard->count}.keeps("tenants/" + lines[i]) ? 1 : 0;
    FUZZ_CHECK(parts == 1);
  }
  return 0;
}
