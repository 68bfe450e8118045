// --shard I/N: one of N stable parts of the selected databases, for a CI matrix or a Kubernetes Indexed Job
// that runs one retort per part. A database's part depends on its own name only (a hash of "tenants/acme"),
// so adding or removing a tenant never moves another one to a different part.
#pragma once

#include "util/status.h"

#include <cstdint>
#include <string_view>

namespace retort {

struct Shard {
  uint64_t index = 0;  // I, from 0
  uint64_t count = 1;  // N

  // Whether the database named `name` belongs to this part: shard_hash(name) % N == I.
  bool keeps(std::string_view name) const;
};

// "I/N" with 0 <= I < N; an error saying what was wrong otherwise.
Result<Shard> parse_shard(std::string_view text);

// FNV-1a (64 bit) of `name`, then the SplitMix64 finaliser so that every bit, and so every modulus, is well
// mixed. Part of the contract: changing it would move databases between the shards of running pipelines.
uint64_t shard_hash(std::string_view name);

}  // namespace retort
