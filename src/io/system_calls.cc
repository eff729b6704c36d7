#include "io/system_calls.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>

namespace spillway {
namespace {

int open_file(const char* path, int flags, mode_t mode) {
  return ::open(path, flags, mode);
}

const SystemCalls kReal{open_file, ::mkostemp, ::write,  ::pwrite, ::pread,
                        ::fsync,   ::close,    ::rename, ::unlink, ::ftruncate};

}  // namespace

SystemCalls& system_calls() {
  static SystemCalls calls = kReal;
  return calls;
}

const SystemCalls& real_system_calls() {
  return kReal;
}

}  // namespace spillway
