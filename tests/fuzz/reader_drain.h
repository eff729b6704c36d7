#pragma once

// For the reader targets: drains a CLI BatchReader into an ArrowWriter.

#include <memory>

#include "arrow/export.h"
#include "input/batch_reader.h"
#include "spillway/arrow_writer.h"
#include "spillway/error.h"

namespace spillway::fuzz {

// Writes every batch of `reader` to a NullOutputStream through the public
// ArrowWriter, as `spillway convert` does; throws spillway::Error on bad
// input (from the reader or from the writer's validation).
inline void drain_to_null(cli::BatchReader& reader, ArrowWriterOptions options = {}) {
  ArrowSchema schema;
  export_schema(reader.schema(), &schema);
  struct SchemaGuard {
    ArrowSchema* s;
    ~SchemaGuard() {
      if (s->release) s->release(s);
    }
  } guard{&schema};
  ArrowWriter writer =
      ArrowWriter::open(std::make_unique<NullOutputStream>(), &schema, std::move(options));
  ArrowArray batch;
  while (reader.next(&batch)) writer.write(&batch);
  writer.close();
}

}  // namespace spillway::fuzz
