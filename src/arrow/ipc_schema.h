#pragma once

// The "ARROW:schema" key/value metadata: the Arrow schema as an encapsulated
// IPC Schema message (Message.fbs / Schema.fbs), base64-encoded, so Arrow
// readers restore the exact Arrow types (unsigned ints, large/view strings,
// timezones, dictionaries, durations...) that Parquet alone cannot carry.

#include <string>
#include <string_view>

#include "arrow/arrow_type.h"

namespace spillway {

// The encapsulated message: 0xFFFFFFFF continuation, int32 little-endian
// metadata length, a flatbuffers Message{version: V5, header: Schema,
// bodyLength: 0}, zero padding so the whole is a multiple of 8 bytes.
// `root` is the record batch struct: its children become the Schema's fields
// and its metadata the Schema's custom_metadata. Dictionary ids are assigned
// 0, 1, 2... in depth-first field order.
std::string serialize_schema_message(const ArrowField& root);

// base64 (standard alphabet, padded) of serialize_schema_message(root).
std::string arrow_schema_metadata_value(const ArrowField& root);

// The inverse, for tests and a later IPC reader: a struct root ("+s", not
// nullable, no name) whose children are the Schema's fields, each with its
// format string as the C Data Interface spells it. Accepts the message with
// or without the continuation marker (pre-1.0 writers). Throws
// spillway::Error if the bytes fail flatbuffers verification or hold
// something this model cannot express.
ArrowField parse_schema_message(std::string_view bytes);
ArrowField parse_arrow_schema_metadata(std::string_view base64);

}  // namespace spillway
