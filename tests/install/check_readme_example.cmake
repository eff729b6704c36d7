# Fails unless README.md contains examples/write_example.cc verbatim, so the
# README's example is the one the install test compiles.
file(READ "${SRC}/README.md" readme)
file(READ "${SRC}/examples/write_example.cc" example)
string(FIND "${readme}" "${example}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md does not contain examples/write_example.cc verbatim")
endif()
