// The SQLite driver as a run uses it, on a real SQLite file: how each connection is set up.
#include "live_database.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::LiveDatabase;

// Each CREATE and DROP scans sqlite_master; on a big schema it outgrows the page cache, and a mapping
// saves the copy and the system call per page read.
TEST(SqliteDriverTest, ReadsThroughAMemoryMapping) {
  LiveDatabase db(testing::native_backends().front(), "mmap");
  ASSERT_EQ(db.backend().dialect, "sqlite");
  auto rows = db.connection().query("PRAGMA mmap_size");
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  ASSERT_EQ(rows->size(), 1u);
  ASSERT_TRUE((*rows)[0][0]);
  EXPECT_EQ(*(*rows)[0][0], "268435456");
}

}  // namespace
}  // namespace retort
