// Tests config/shard.cc: --shard I/N parsing, and the partition's properties (every database in exactly one
// part, parts that do not move when a tenant is added, roughly equal parts).
#include "config/shard.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace retort {
namespace {

std::vector<std::string> tenants(size_t n) {
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("tenants/t" + std::to_string(i));
  return names;
}

// The part each name is in, for N parts (checked to be exactly one).
std::map<std::string, uint64_t> partition(const std::vector<std::string>& names, uint64_t n) {
  std::map<std::string, uint64_t> part;
  for (uint64_t i = 0; i < n; ++i)
    for (const auto& name : names)
      if (Shard{i, n}.keeps(name)) {
        EXPECT_EQ(part.count(name), 0u) << name << " is in two parts";
        part[name] = i;
      }
  return part;
}

TEST(ParseShard, ReadsIndexAndCount) {
  auto s = parse_shard("3/16");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->index, 3u);
  EXPECT_EQ(s->count, 16u);
  EXPECT_TRUE(parse_shard("0/1").ok());
}

TEST(ParseShard, RefusesWhatIsNotIOfN) {
  for (const char* bad : {"", "1", "/", "1/", "/4", "a/4", "1/b", "-1/4", "1/-4", "1.0/4", "4/4", "5/4", "0/0",
                          " 1/4", "1/4 ", "1/4/2", "1234567890/9999999999"}) {
    auto s = parse_shard(bad);
    EXPECT_FALSE(s.ok()) << bad;
    if (!s.ok()) {
      EXPECT_NE(s.error().message().find("--shard"), std::string::npos);
    }
  }
  EXPECT_NE(parse_shard("4/4").error().message().find("below N"), std::string::npos);
  EXPECT_NE(parse_shard("0/0").error().message().find("at least 1"), std::string::npos);
}

TEST(Shard, PartsAreDisjointAndTheirUnionIsEveryDatabase) {
  const auto names = tenants(1000);
  for (uint64_t n : {1, 2, 3, 4, 7, 16, 64}) {
    const auto part = partition(names, n);
    EXPECT_EQ(part.size(), names.size()) << n << " parts";
  }
}

TEST(Shard, AddingATenantMovesNoOther) {
  auto names = tenants(500);
  const auto before = partition(names, 16);
  names.push_back("tenants/newcomer");
  const auto after = partition(names, 16);
  for (const auto& [name, part] : before) EXPECT_EQ(after.at(name), part) << name;
  EXPECT_EQ(after.size(), before.size() + 1);
}

TEST(Shard, PartsAreRoughlyEqual) {
  const auto names = tenants(10000);
  for (uint64_t n : {2, 4, 16}) {
    std::vector<size_t> sizes(n);
    for (const auto& [name, part] : partition(names, n)) ++sizes[part];
    const double expected = 10000.0 / static_cast<double>(n);
    for (size_t size : sizes) {
      EXPECT_GT(static_cast<double>(size), expected * 0.85) << n << " parts";
      EXPECT_LT(static_cast<double>(size), expected * 1.15) << n << " parts";
    }
  }
}

TEST(Shard, TheHashIsFixed) {
  // Pipelines depend on where each name lands: these values must never change (FNV-1a 64, SplitMix64).
  EXPECT_EQ(shard_hash(""), 0xf52a15e9a9b5e89bULL);
  EXPECT_EQ(shard_hash("tenants/acme"), 0x0720721559bede3fULL);
  EXPECT_EQ(shard_hash("main"), 0xb1375cb6f94d9218ULL);
  EXPECT_TRUE((Shard{3, 4}.keeps("tenants/acme")));
  EXPECT_TRUE((Shard{0, 4}.keeps("main")));
}

}  // namespace
}  // namespace retort
