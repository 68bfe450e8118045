// Tests util/regular_file.cc: only regular files (or symlinks to them) are read; FIFOs, devices, folders
// and sockets are refused without blocking, and nothing larger than the cap is read.
#include "util/regular_file.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

std::string error_of(const Result<std::string>& r) { return r.ok() ? "(read)" : r.error().to_string(); }

TEST(ReadRegularFile, ReadsAFileAndASymlinkToOne) {
  TempDir dir;
  const std::string text("a = 1\n\0binary\xff", 14);
  write_file(dir / "real.toml", text);
  fs::create_symlink(dir / "real.toml", dir / "link.toml");
  EXPECT_EQ(error_of(read_regular_file(dir / "real.toml", "real.toml")), "(read)");
  EXPECT_EQ(*read_regular_file(dir / "real.toml", "real.toml"), text);
  EXPECT_EQ(*read_regular_file(dir / "link.toml", "link.toml"), text);
  write_file(dir / "empty.toml", "");
  EXPECT_EQ(*read_regular_file(dir / "empty.toml", "empty.toml"), "");
}

TEST(ReadRegularFile, AFifoIsRefusedWithoutWaiting) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "x.toml").c_str(), 0600), 0);
  EXPECT_EQ(error_of(read_regular_file(dir / "x.toml", "versions/x.toml")),
            "versions/x.toml: not a regular file (a FIFO)\n"
            "  hint: retort reads only regular files (or symlinks to them); replace it with the file itself");
  fs::create_symlink(dir / "x.toml", dir / "link.toml");
  EXPECT_NE(error_of(read_regular_file(dir / "link.toml", "link.toml")).find("not a regular file (a FIFO)"),
            std::string::npos);
}

TEST(ReadRegularFile, DevicesFoldersAndSocketsAreRefused) {
  TempDir dir;
  fs::create_symlink("/dev/zero", dir / "zero.toml");
  EXPECT_EQ(error_of(read_regular_file(dir / "zero.toml", "zero.toml")).rfind(
                "zero.toml: not a regular file (a character device)", 0),
            0U);
  EXPECT_EQ(error_of(read_regular_file("/dev/null", "/dev/null")).rfind("/dev/null: not a regular file", 0), 0U);
  fs::create_directories(dir / "folder.toml");
  EXPECT_EQ(error_of(read_regular_file(dir / "folder.toml", "folder.toml")),
            "folder.toml: is a folder, not a file\n  hint: name the file itself, not the folder it is in");

  const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(s, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string path = (dir / "s.toml").string();
  ASSERT_LT(path.size(), sizeof addr.sun_path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  ASSERT_EQ(::bind(s, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_NE(error_of(read_regular_file(dir / "s.toml", "s.toml")).find("not a regular file (a socket)"),
            std::string::npos);
  ::close(s);
}

TEST(ReadRegularFile, MissingAndDanglingAreNamed) {
  TempDir dir;
  EXPECT_EQ(error_of(read_regular_file(dir / "none.toml", "none.toml")),
            "none.toml: cannot read file: No such file or directory");
  fs::create_symlink(dir / "gone", dir / "dangling.toml");
  EXPECT_EQ(error_of(read_regular_file(dir / "dangling.toml", "dangling.toml")),
            "dangling.toml: cannot read file: No such file or directory");
}

TEST(ReadRegularFile, NothingLargerThanTheCapIsRead) {
  TempDir dir;
  write_file(dir / "ten.toml", "0123456789");
  EXPECT_EQ(*read_regular_file(dir / "ten.toml", "ten.toml", 10), "0123456789");
  EXPECT_EQ(error_of(read_regular_file(dir / "ten.toml", "ten.toml", 9)),
            "ten.toml: larger than 9 bytes, the most retort reads from one file\n"
            "  hint: revision files and configs are a few KiB; check that this is the file you meant");
  // The default cap, on a sparse file one byte past it (nothing is written to disk).
  write_file(dir / "big.toml", "");
  fs::resize_file(dir / "big.toml", kMaxInputFileBytes + 1);
  EXPECT_EQ(error_of(read_regular_file(dir / "big.toml", "big.toml")).rfind(
                "big.toml: larger than 16 MiB, the most retort reads from one file", 0),
            0U);
  fs::resize_file(dir / "big.toml", kMaxInputFileBytes);
  auto at_cap = read_regular_file(dir / "big.toml", "big.toml");
  ASSERT_TRUE(at_cap.ok()) << error_of(at_cap);
  EXPECT_EQ(at_cap->size(), kMaxInputFileBytes);
}

TEST(NonRegularKind, NamesEachType) {
  EXPECT_EQ(non_regular_kind(S_IFREG | 0644), "");
  EXPECT_EQ(non_regular_kind(S_IFDIR), "a folder");
  EXPECT_EQ(non_regular_kind(S_IFIFO), "a FIFO");
  EXPECT_EQ(non_regular_kind(S_IFCHR), "a character device");
  EXPECT_EQ(non_regular_kind(S_IFBLK), "a block device");
  EXPECT_EQ(non_regular_kind(S_IFSOCK), "a socket");
  EXPECT_EQ(non_regular_kind(S_IFLNK), "a symbolic link");
}

}  // namespace
}  // namespace retort
