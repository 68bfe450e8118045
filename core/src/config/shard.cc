#include "config/shard.h"

#include <string>

namespace retort {

uint64_t shard_hash(std::string_view name) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a offset basis
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;  // FNV prime
  }
  // FNV's low bits follow the last characters closely ("t1", "t2", ...): mixing spreads them.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

bool Shard::keeps(std::string_view name) const { return count <= 1 || shard_hash(name) % count == index; }

namespace {

// A whole number of at most 9 digits (a shard count beyond that means a mistake, not a cluster).
bool whole(std::string_view text, uint64_t& out) {
  if (text.empty() || text.size() > 9) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

Result<Shard> parse_shard(std::string_view text) {
  const std::string shown(text);
  const char* hint = "write --shard I/N with 0 <= I < N, e.g. --shard 0/4 ... --shard 3/4 for four parts";
  const size_t slash = text.find('/');
  Shard s;
  if (slash == std::string_view::npos || !whole(text.substr(0, slash), s.index) ||
      !whole(text.substr(slash + 1), s.count))
    return Error("--shard: must be I/N with whole numbers I and N, not '" + shown + "'").hint(hint);
  if (s.count == 0) return Error("--shard: N must be at least 1, not 0 in '" + shown + "'").hint(hint);
  if (s.index >= s.count)
    return Error("--shard: I must be below N (shards are numbered from 0), not '" + shown + "'").hint(hint);
  return s;
}

}  // namespace retort
