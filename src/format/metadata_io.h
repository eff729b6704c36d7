#pragma once

// Serializes and parses the Parquet metadata structures of
// spillway/metadata.h with the Thrift compact protocol, field ids exactly as
// in parquet.thrift.
//
// Writing appends to `out`: optional fields are written only when set, and vectors documented
// "empty = absent" only when non-empty; fields go in increasing id order.
// Reading: unknown fields (and the ones metadata.h does not model, such as
// geospatial statistics or encryption metadata) are skipped; a missing
// required field throws spillway::Error naming the struct and the field.
// A LogicalType whose union member metadata.h does not model (VARIANT,
// GEOMETRY, ...) reads as absent.

#include <cstddef>
#include <cstdint>
#include <span>

#include "spillway/metadata.h"
#include "util/byte_buffer.h"

namespace spillway {

void write_thrift(const FileMetaData& v, ByteBuffer& out);
void write_thrift(const PageHeader& v, ByteBuffer& out);
void write_thrift(const ColumnIndex& v, ByteBuffer& out);
void write_thrift(const OffsetIndex& v, ByteBuffer& out);

// `consumed`, when given, receives the number of bytes the structure took;
// bytes after it are ignored.
FileMetaData read_file_metadata(std::span<const uint8_t> bytes, size_t* consumed = nullptr);
// `bytes` may extend past the header (into the page body); `header_length`
// receives the header's size.
PageHeader read_page_header(std::span<const uint8_t> bytes, size_t* header_length);
ColumnIndex read_column_index(std::span<const uint8_t> bytes, size_t* consumed = nullptr);
OffsetIndex read_offset_index(std::span<const uint8_t> bytes, size_t* consumed = nullptr);

}  // namespace spillway
