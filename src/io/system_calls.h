#pragma once

// The POSIX calls behind FileOutputStream and the spill file, in one table so
// that fault-injection tests can make any one of them fail (as SQLite's test
// VFS does) and check that every failure point ends in a clean error.
// Library code calls through system_calls(); only tests replace entries.

#include <sys/types.h>

#include <cstddef>

namespace spillway {

struct SystemCalls {
  int (*open)(const char* path, int flags, mode_t mode);
  int (*mkostemp)(char* name_template, int flags);
  ssize_t (*write)(int fd, const void* data, size_t size);
  ssize_t (*pwrite)(int fd, const void* data, size_t size, off_t offset);
  ssize_t (*pread)(int fd, void* data, size_t size, off_t offset);
  int (*fsync)(int fd);
  int (*close)(int fd);
  int (*rename)(const char* from, const char* to);
  int (*unlink)(const char* path);
  int (*ftruncate)(int fd, off_t length);
};

// The table in use; starts out as the real calls.
SystemCalls& system_calls();
// The real calls, for restoring the table and for forwarding.
const SystemCalls& real_system_calls();

}  // namespace spillway
