// The Arrow IPC reader against files written by apache-arrow (JS) and Polars
// (tests/cli/data/ipc, made by make_fixtures.mjs, each with the values
// apache-arrow reads back from it), against hand-built messages for each
// error path, against every truncation and byte flip of the fixtures, and
// through spillway's writer.

#include <flatbuffers/flatbuffers.h>
#include <gtest/gtest.h>

#include <lz4frame.h>
#include <zstd.h>

#include <unistd.h>

#include <csignal>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "arrow/export.h"
#include "arrow/ipc_schema.h"
#include "arrow/ipc_slots.h"
#include "arrow/validate.h"
#include "input/ipc/ipc_format.h"
#include "input/ipc/ipc_reader.h"
#include "spillway/spillway.h"
#include "support/parquet_verifier.h"

namespace spillway::cli {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SPILLWAY_SOURCE_DIR) + "/tests/cli/data/ipc/" + name,
                   std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ------------------------------------------------------------ rendering values

std::string hex(const void* p, int64_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (int64_t i = 0; i < n; ++i) {
    uint8_t b = static_cast<const uint8_t*>(p)[i];
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

template <typename T>
T at(const void* buffer, int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const uint8_t*>(buffer) + i * static_cast<int64_t>(sizeof(T)),
              sizeof(T));
  return v;
}

bool bit(const void* bitmap, int64_t i) {
  return (static_cast<const uint8_t*>(bitmap)[i >> 3] >> (i & 7)) & 1;
}

int64_t index_at(const ArrowField& f, const void* b, int64_t j) {
  switch (f.id) {
    case ArrowTypeId::INT8:
      return at<int8_t>(b, j);
    case ArrowTypeId::UINT8:
      return at<uint8_t>(b, j);
    case ArrowTypeId::INT16:
      return at<int16_t>(b, j);
    case ArrowTypeId::UINT16:
      return at<uint16_t>(b, j);
    case ArrowTypeId::INT32:
      return at<int32_t>(b, j);
    case ArrowTypeId::UINT32:
      return at<uint32_t>(b, j);
    default:
      return at<int64_t>(b, j);
  }
}

// The value at row `i` of `a`, rendered as make_fixtures.mjs renders it.
std::string repr(const ArrowField& f, const ArrowArray* a, int64_t i) {
  int64_t j = a->offset + i;
  const void* const* b = a->buffers;
  if (f.id == ArrowTypeId::SPARSE_UNION || f.id == ArrowTypeId::DENSE_UNION) {
    int8_t code = at<int8_t>(b[0], j);
    size_t k = 0;
    while (f.union_type_ids[k] != code) ++k;
    int64_t row = f.id == ArrowTypeId::DENSE_UNION ? at<int32_t>(b[1], j) : j;
    return std::to_string(code) + ":" + repr(f.children[k], a->children[k], row);
  }
  if (f.id == ArrowTypeId::NA || (b[0] != nullptr && !bit(b[0], j))) return "null";
  if (f.is_dictionary()) return repr(*f.dictionary, a->dictionary, index_at(f, b[1], j));
  auto list = [&](int64_t begin, int64_t end) {
    std::string s = "[";
    for (int64_t k = begin; k < end; ++k) {
      s += (k > begin ? "," : "") + repr(f.children[0], a->children[0], k);
    }
    return s + "]";
  };
  switch (f.id) {
    case ArrowTypeId::BOOL:
      return bit(b[1], j) ? "true" : "false";
    case ArrowTypeId::UINT8:
    case ArrowTypeId::UINT16:
    case ArrowTypeId::UINT32:
      return std::to_string(index_at(f, b[1], j));
    case ArrowTypeId::UINT64:
      return std::to_string(at<uint64_t>(b[1], j));
    case ArrowTypeId::INT8:
    case ArrowTypeId::INT16:
    case ArrowTypeId::INT32:
    case ArrowTypeId::INT64:
      return std::to_string(index_at(f, b[1], j));
    case ArrowTypeId::DATE32:
    case ArrowTypeId::TIME32:
      return std::to_string(at<int32_t>(b[1], j));
    case ArrowTypeId::DATE64:
    case ArrowTypeId::TIME64:
    case ArrowTypeId::TIMESTAMP:
    case ArrowTypeId::DURATION:
      return std::to_string(at<int64_t>(b[1], j));
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY: {
      int32_t begin = at<int32_t>(b[1], j), end = at<int32_t>(b[1], j + 1);
      return "x" + hex(static_cast<const uint8_t*>(b[2]) + begin, end - begin);
    }
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY: {
      int64_t begin = at<int64_t>(b[1], j), end = at<int64_t>(b[1], j + 1);
      return "x" + hex(static_cast<const uint8_t*>(b[2]) + begin, end - begin);
    }
    case ArrowTypeId::STRING_VIEW:
    case ArrowTypeId::BINARY_VIEW: {
      const auto* view = static_cast<const uint8_t*>(b[1]) + 16 * j;
      int32_t length = at<int32_t>(view, 0);
      if (length <= 12) return "x" + hex(view + 4, length);
      const void* data = b[2 + at<int32_t>(view, 2)];
      return "x" + hex(static_cast<const uint8_t*>(data) + at<int32_t>(view, 3), length);
    }
    case ArrowTypeId::STRUCT: {
      std::string s = "{";
      for (size_t k = 0; k < f.children.size(); ++k) {
        s += (k ? "," : "") + repr(f.children[k], a->children[k], j);
      }
      return s + "}";
    }
    case ArrowTypeId::LIST:
    case ArrowTypeId::MAP:
      return list(at<int32_t>(b[1], j), at<int32_t>(b[1], j + 1));
    case ArrowTypeId::LARGE_LIST:
      return list(at<int64_t>(b[1], j), at<int64_t>(b[1], j + 1));
    case ArrowTypeId::FIXED_SIZE_LIST:
      return list(j * f.byte_width, (j + 1) * f.byte_width);
    case ArrowTypeId::LIST_VIEW:
      return list(at<int32_t>(b[1], j), at<int32_t>(b[1], j) + at<int32_t>(b[2], j));
    default: {
      int32_t width = fixed_width_bytes(f);
      return hex(static_cast<const uint8_t*>(b[1]) + j * width, width);
    }
  }
}

std::string type_string(const ArrowField& f) {
  std::string s = format_of(f);
  if (f.is_dictionary()) s += "/" + type_string(*f.dictionary);
  if (!f.children.empty()) {
    s += "{";
    for (size_t k = 0; k < f.children.size(); ++k) {
      s += (k ? "," : "") + type_string(f.children[k]);
    }
    s += "}";
  }
  return s;
}

// Every batch of an input, released at the end.
struct Batches {
  ArrowField schema;
  std::vector<ArrowArray> arrays;
  uint64_t bytes_read = 0;

  Batches() = default;
  Batches(Batches&&) = default;
  ~Batches() {
    for (ArrowArray& a : arrays) {
      if (a.release) a.release(&a);
    }
  }

  // In the .expected format.
  std::string render() const {
    std::string s;
    for (const ArrowField& c : schema.children)
      s += "field\t" + c.name + "\t" + type_string(c) + "\n";
    for (const ArrowArray& a : arrays) {
      s += "batch\t" + std::to_string(a.length) + "\n";
      for (size_t c = 0; c < schema.children.size(); ++c) {
        for (int64_t r = 0; r < a.length; ++r) {
          s += std::to_string(c) + "\t" + std::to_string(r) + "\t" +
               repr(schema.children[c], a.children[c], r) + "\n";
        }
      }
    }
    return s;
  }
};

// Reads every batch, checking each the way the writer will (validate_array
// against the schema as the writer imports it). The reader is gone when
// this returns: the batches must keep their own bodies and dictionaries.
Batches read_all(std::string bytes, const std::string& name = "test.arrows") {
  Batches out;
  auto reader = open_ipc_reader(InputSource::from_string(std::move(bytes), name));
  ArrowSchema exported;
  export_schema(reader->schema(), &exported);
  out.schema = import_schema(&exported);
  exported.release(&exported);
  for (;;) {
    ArrowArray a;
    if (!reader->next(&a)) break;
    out.arrays.push_back(a);
    validate_array(out.schema, &out.arrays.back(), "");
  }
  EXPECT_FALSE(reader->next(nullptr));  // stays at the end
  out.bytes_read = reader->bytes_read();
  return out;
}

// ------------------------------------------------------------ fixtures

const char* const kFixtures[] = {
    "arrowjs_flat.arrows",
    "arrowjs_flat.arrow",
    "arrowjs_nested.arrows",
    "arrowjs_dictionary.arrows",
    "arrowjs_dictionary.arrow",
    "arrowjs_legacy.arrows",
    "polars.arrow",
    "polars_lz4.arrow",
    "polars_zstd.arrow",
    "polars.arrows",
    "polars_lz4.arrows",
    "polars_zstd.arrows",
};

std::string expected_for(const std::string& name) {
  std::string base = name;
  if (base.starts_with("polars_")) base = "polars" + base.substr(base.find('.'));
  return fixture(base + ".expected");
}

class Fixture : public testing::TestWithParam<const char*> {};

TEST_P(Fixture, ReadsTheValuesApacheArrowReads) {
  std::string bytes = fixture(GetParam());
  Batches b = read_all(bytes, GetParam());
  EXPECT_EQ(b.render(), expected_for(GetParam()));
  EXPECT_EQ(b.bytes_read, bytes.size());
  EXPECT_TRUE(looks_like_arrow_ipc(std::string_view(bytes).substr(0, 16)));
}

// Standard input works the same: no size known up front, bytes as they come.
TEST_P(Fixture, ReadsFromAPipe) {
  std::string bytes = fixture(GetParam());
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::signal(SIGPIPE, SIG_IGN);  // should the reader stop early
  std::thread feeder([&] {
    for (size_t at = 0; at < bytes.size();) {
      ssize_t n = write(fds[1], bytes.data() + at, std::min<size_t>(bytes.size() - at, 1000));
      if (n <= 0) break;
      at += static_cast<size_t>(n);
    }
    close(fds[1]);
  });
  std::string rendered;
  try {
    auto input = InputSource::open("/dev/fd/" + std::to_string(fds[0]));
    close(fds[0]);
    fds[0] = -1;
    auto reader = open_ipc_reader(std::move(input));
    Batches b;
    b.schema = reader->schema();
    for (ArrowArray a; reader->next(&a);) b.arrays.push_back(a);
    rendered = b.render();
    EXPECT_EQ(reader->bytes_read(), bytes.size());
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
  if (fds[0] >= 0) close(fds[0]);  // so that the feeder stops
  feeder.join();
  EXPECT_EQ(rendered, expected_for(GetParam()));
}

// Every cut of the input fails with an error naming the input, or (streams
// only, between two messages) reads fewer batches; never crashes.
TEST_P(Fixture, EveryTruncationFailsCleanly) {
  std::string bytes = fixture(GetParam());
  bool file = bytes.starts_with("ARROW1");
  size_t full = read_all(bytes).arrays.size();
  size_t step = bytes.size() > 12000 ? 5 : 1;
  int successes = 0;
  for (size_t cut = 0; cut < bytes.size(); cut += (cut < 2048 ? 1 : step)) {
    try {
      Batches b = read_all(bytes.substr(0, cut), "cut.arrows");
      EXPECT_FALSE(file) << "a file cut at " << cut << " was read";
      EXPECT_LE(b.arrays.size(), full);
      ++successes;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("'cut.arrows'"), std::string::npos) << e.what();
    }
  }
  // A stream cut between messages is a shorter stream: at most one per message.
  EXPECT_LE(successes, file ? 0 : 40);
}

INSTANTIATE_TEST_SUITE_P(Ipc, Fixture, testing::ValuesIn(kFixtures),
                         [](const testing::TestParamInfo<const char*>& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return s;
                         });

// Flipping any byte of a small fixture gives an error or arrays that pass
// the writer's validation and can be read in full; never a crash.
TEST(IpcReader, EveryByteFlipFailsCleanlyOrReadsValidArrays) {
  for (const char* name : {"arrowjs_dictionary.arrows", "arrowjs_legacy.arrows",
                           "arrowjs_nested.arrows", "polars_zstd.arrows", "polars_lz4.arrows"}) {
    std::string bytes = fixture(name);
    std::vector<uint8_t> masks = {0xFF};
    if (std::string_view(name).starts_with("arrowjs")) masks.push_back(0x01);
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (uint8_t mask : masks) {
        std::string corrupt = bytes;
        corrupt[i] = static_cast<char>(corrupt[i] ^ mask);
        try {
          Batches b = read_all(std::move(corrupt), "flip.arrows");
          b.render();
        } catch (const Error& e) {
          // The reader's errors name the input; the writer's validation
          // (UTF-8, decimal precision...) names the column.
          std::string what = e.what();
          ASSERT_TRUE(what.find("'flip.arrows'") != std::string::npos ||
                      what.starts_with("invalid Arrow array for column"))
              << what;
        }
      }
    }
  }
}

TEST(IpcReader, CorruptCompressedBuffersNameTheCodec) {
  for (auto [name, codec] :
       {std::pair{"polars_zstd.arrows", "ZSTD"}, std::pair{"polars_lz4.arrows", "LZ4_FRAME"}}) {
    std::string bytes = fixture(name);
    int codec_errors = 0;
    for (size_t i = 1024; i < bytes.size(); i += 3) {
      std::string corrupt = bytes;
      corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5A);
      try {
        read_all(std::move(corrupt));
      } catch (const Error& e) {
        codec_errors += std::string(e.what()).find(codec) != std::string::npos;
      }
    }
    // The buffers are compressed indeed, and damage to them is caught.
    EXPECT_GT(codec_errors, 10) << name;
  }
}

TEST(IpcReader, SchemaAndFieldMetadata) {
  Batches b = read_all(fixture("arrowjs_flat.arrows"));
  ASSERT_NE(b.schema.find_metadata("origin"), nullptr);
  EXPECT_EQ(*b.schema.find_metadata("origin"), "make_fixtures.mjs");
  EXPECT_EQ(*b.schema.find_metadata("writer"), "apache-arrow");
  const ArrowField& int16 = b.schema.children[3];
  ASSERT_EQ(int16.name, "int16");
  EXPECT_EQ(int16.metadata, (ArrowMetadata{{"unit", "count"}, {"note", "field metadata"}}));
  EXPECT_EQ(b.schema.children[32].timezone, "America/New_York");
  EXPECT_FALSE(b.schema.nullable);
  EXPECT_EQ(b.schema.format, "+s");
}

TEST(IpcReader, UncompressedBuffersAreNotCopied) {
  std::string bytes = fixture("polars.arrows");
  auto reader = open_ipc_reader(InputSource::from_string(bytes, "x"));
  ArrowArray a;
  ASSERT_TRUE(reader->next(&a));
  // All buffers of the batch lie in one body, in schema order.
  const auto* i8 = static_cast<const uint8_t*>(a.children[0]->buffers[1]);
  const auto* i16 = static_cast<const uint8_t*>(a.children[1]->buffers[1]);
  const auto* f64 = static_cast<const uint8_t*>(a.children[9]->buffers[1]);
  EXPECT_LT(i8, i16);
  EXPECT_LT(i16, f64);
  EXPECT_LT(f64 - i8, static_cast<ptrdiff_t>(bytes.size()));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(i8) % 8, 0u);
  a.release(&a);
}

TEST(IpcReader, DetectsArrowIpcConservatively) {
  for (const char* name : kFixtures) {
    EXPECT_TRUE(looks_like_arrow_ipc(fixture(name).substr(0, 16))) << name;
  }
  EXPECT_FALSE(looks_like_arrow_ipc(""));
  EXPECT_FALSE(looks_like_arrow_ipc("ARROW"));
  EXPECT_FALSE(looks_like_arrow_ipc("a,b,c\n1,2,3\n"));
  EXPECT_FALSE(looks_like_arrow_ipc("{\"a\": 1}\n{\"a\": 2}\n"));
  EXPECT_FALSE(looks_like_arrow_ipc("PAR1\x15\x04\x15\x10\x15\x14L\x15\x04\x15"));
  EXPECT_FALSE(looks_like_arrow_ipc(std::string("\xff\xff\xff\xff\0\0\0\0", 8)));  // EOS only
  EXPECT_FALSE(looks_like_arrow_ipc(std::string(16, '\0')));
}

// ------------------------------------------------------------ hand-built messages

namespace fb = flatbuffers;
using namespace spillway::cli::ipc;

// FieldNode {length, null_count} and Buffer {offset, length} alike.
struct alignas(8) Pair {
  int64_t first, second;
};

std::string le32(int32_t v) {
  return std::string(reinterpret_cast<const char*>(&v), 4);
}
std::string le64(int64_t v) {
  return std::string(reinterpret_cast<const char*>(&v), 8);
}
template <typename T>
std::string bytes_of(std::initializer_list<T> values) {
  std::string s;
  for (T v : values) s.append(reinterpret_cast<const char*>(&v), sizeof(T));
  return s;
}

// A RecordBatch: nodes, and buffers appended to an 8-byte aligned body.
struct Batch {
  int64_t length = 0;
  std::vector<Pair> nodes;
  std::vector<Pair> buffers;
  std::string body;
  int8_t codec = -1;  // BodyCompression codec; -1: uncompressed
  std::optional<std::vector<int64_t>> variadic;

  Batch& node(int64_t n, int64_t nulls) {
    nodes.push_back({n, nulls});
    return *this;
  }
  Batch& add(const std::string& bytes) {
    body.resize((body.size() + 7) / 8 * 8, '\0');
    buffers.push_back({static_cast<int64_t>(body.size()), static_cast<int64_t>(bytes.size())});
    body += bytes;
    return *this;
  }
};

fb::uoffset_t record_batch_table(fb::FlatBufferBuilder& b, const Batch& batch) {
  auto nodes = b.CreateVectorOfStructs(batch.nodes.data(), batch.nodes.size());
  auto buffers = b.CreateVectorOfStructs(batch.buffers.data(), batch.buffers.size());
  fb::Offset<fb::Vector<int64_t>> variadic;
  if (batch.variadic) variadic = b.CreateVector(*batch.variadic);
  fb::uoffset_t compression = 0;
  if (batch.codec >= 0) {
    auto t = b.StartTable();
    b.AddElement<int8_t>(kBodyCompressionCodec, batch.codec, -1);
    compression = b.EndTable(t);
  }
  auto t = b.StartTable();
  b.AddElement<int64_t>(kRecordBatchLength, batch.length, -1);
  b.AddOffset(kRecordBatchNodes, nodes);
  b.AddOffset(kRecordBatchBuffers, buffers);
  if (compression) b.AddOffset(kRecordBatchCompression, fb::Offset<void>(compression));
  if (batch.variadic) b.AddOffset(kRecordBatchVariadicBufferCounts, variadic);
  return b.EndTable(t);
}

// An encapsulated message: continuation, length, padded metadata, body.
std::string encapsulate(fb::FlatBufferBuilder& b, uint8_t type, fb::uoffset_t header,
                        std::string body, int16_t version = kMetadataV5) {
  auto t = b.StartTable();
  b.AddElement<int16_t>(spillway::ipc::kMessageVersion, version, -1);
  b.AddElement<uint8_t>(spillway::ipc::kMessageHeaderType, type, 0);
  b.AddOffset(spillway::ipc::kMessageHeader, fb::Offset<void>(header));
  b.AddElement<int64_t>(spillway::ipc::kMessageBodyLength, static_cast<int64_t>(body.size()), 0);
  b.Finish(fb::Offset<fb::Table>(b.EndTable(t)));
  std::string meta(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
  meta.resize((meta.size() + 7) / 8 * 8, '\0');
  return le32(-1) + le32(static_cast<int32_t>(meta.size())) + meta + body;
}

std::string record_batch(const Batch& batch, int16_t version = kMetadataV5) {
  fb::FlatBufferBuilder b;
  b.ForceDefaults(true);
  auto header = record_batch_table(b, batch);
  return encapsulate(b, kHeaderRecordBatch, header, batch.body, version);
}

std::string dictionary_batch(int64_t id, bool delta, const Batch& batch) {
  fb::FlatBufferBuilder b;
  b.ForceDefaults(true);
  auto data = record_batch_table(b, batch);
  auto t = b.StartTable();
  b.AddElement<int64_t>(kDictionaryBatchId, id, -1);
  b.AddOffset(kDictionaryBatchData, fb::Offset<void>(data));
  b.AddElement<uint8_t>(kDictionaryBatchIsDelta, delta, 0);
  return encapsulate(b, kHeaderDictionaryBatch, b.EndTable(t), batch.body);
}

const std::string kEos = le32(-1) + le32(0);

// A schema from C Data Interface format strings: {format, name, children,
// dictionary value format}.
struct Spec {
  std::string format;
  std::string name;
  std::vector<Spec> children = {};
  std::string dictionary = "";
};

ArrowField schema_of(const std::vector<Spec>& columns) {
  std::deque<ArrowSchema> nodes;
  std::deque<std::vector<ArrowSchema*>> kids;
  std::deque<Spec> values;
  std::function<ArrowSchema*(const Spec&)> make = [&](const Spec& s) {
    ArrowSchema& n = nodes.emplace_back();
    n = ArrowSchema{};
    n.format = s.format.c_str();
    n.name = s.name.c_str();
    n.flags = ARROW_FLAG_NULLABLE;
    n.release = [](ArrowSchema* x) { x->release = nullptr; };
    auto& children = kids.emplace_back();
    for (const Spec& c : s.children) children.push_back(make(c));
    n.n_children = static_cast<int64_t>(children.size());
    n.children = children.empty() ? nullptr : children.data();
    if (!s.dictionary.empty()) n.dictionary = make(values.emplace_back(Spec{s.dictionary, ""}));
    return &n;
  };
  Spec root{"+s", "", columns};
  return import_schema(make(root));
}

std::string schema_message(const std::vector<Spec>& columns) {
  return serialize_schema_message(schema_of(columns));
}

// Schema {a: int32, s: utf8} and a good 3-row batch: a = 1, 2, 3;
// s = "ab", null, "cde".
const std::vector<Spec> kSchema = {{"i", "a"}, {"u", "s"}};

Batch good_batch() {
  Batch b;
  b.length = 3;
  b.node(3, 0).add("").add(bytes_of<int32_t>({1, 2, 3}));
  b.node(3, 1).add("\x05").add(bytes_of<int32_t>({0, 2, 2, 5})).add("abcde");
  return b;
}

std::string stream_of(const Batch& b) {
  return schema_message(kSchema) + record_batch(b) + kEos;
}

// Reading `bytes` fails with an error naming the input and containing each
// of `needles`.
void expect_error(const std::string& bytes, std::vector<std::string> needles) {
  needles.push_back("invalid Arrow IPC input 'bad.arrows'");
  try {
    read_all(bytes, "bad.arrows");
    ADD_FAILURE() << "no error; expected " << needles[0];
  } catch (const Error& e) {
    for (const std::string& n : needles) {
      EXPECT_NE(std::string(e.what()).find(n), std::string::npos)
          << "'" << n << "' not in: " << e.what();
    }
  }
}

std::vector<std::string> column(const Batches& b, size_t c) {
  std::vector<std::string> out;
  for (const ArrowArray& a : b.arrays) {
    for (int64_t r = 0; r < a.length; ++r) {
      out.push_back(repr(b.schema.children[c], a.children[c], r));
    }
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(IpcMessages, AGoodBatchReads) {
  Batches b = read_all(stream_of(good_batch()));
  ASSERT_EQ(b.arrays.size(), 1u);
  EXPECT_EQ(column(b, 0), (Strings{"1", "2", "3"}));
  EXPECT_EQ(column(b, 1), (Strings{"x6162", "null", "x636465"}));
  // The end-of-stream marker is optional.
  EXPECT_EQ(read_all(schema_message(kSchema) + record_batch(good_batch())).arrays.size(), 1u);
}

TEST(IpcMessages, BuffersOutsideTheBody) {
  Batch b = good_batch();
  b.buffers[1].second = -8;
  expect_error(stream_of(b), {"message 2 (record batch 1) at byte ", "column 'a'",
                              "buffer 1 has a negative offset or length"});
  b = good_batch();
  b.buffers[4].first = 1000;
  expect_error(stream_of(b), {"column 's'", "buffer 4 (offset 1000, length 5) lies outside"});
  b = good_batch();
  b.buffers[2].first = -16;
  expect_error(stream_of(b), {"column 's'", "negative offset"});
}

TEST(IpcMessages, BadOffsets) {
  auto with_offsets = [](std::initializer_list<int32_t> offsets) {
    Batch b = good_batch();
    b.body.replace(static_cast<size_t>(b.buffers[3].first), 16, bytes_of<int32_t>(offsets));
    return stream_of(b);
  };
  expect_error(with_offsets({0, 3, 2, 5}), {"column 's'", "offsets decrease at row 1"});
  expect_error(with_offsets({0, 2, 2, 9}), {"column 's'", "last offset 9 is past the end"});
  expect_error(with_offsets({-1, 2, 2, 5}), {"column 's'", "first offset -1 is negative"});
  Batch b = good_batch();
  b.buffers[3].second = 8;  // 2 offsets for 3 values
  expect_error(stream_of(b), {"column 's'", "offsets buffer of 8 bytes is too short"});
}

TEST(IpcMessages, NodesAndBuffersMustMatchTheSchema) {
  Batch b = good_batch();
  b.buffers.pop_back();
  expect_error(stream_of(b), {"column 's'", "fewer than the schema needs"});
  b = good_batch();
  b.add("extra");
  expect_error(stream_of(b), {"6 buffers", "the schema uses 2, 5"});
  b = good_batch();
  b.node(3, 0);
  expect_error(stream_of(b), {"3 field nodes"});
  b = good_batch();
  b.nodes.pop_back();
  expect_error(stream_of(b), {"column 's'", "1 field nodes, fewer than the schema needs"});
}

TEST(IpcMessages, LengthsAndNullCounts) {
  Batch b = good_batch();
  b.length = 4;
  expect_error(stream_of(b), {"column 'a' has 3 values, the batch 4 rows"});
  b = good_batch();
  b.nodes[1].second = 4;
  expect_error(stream_of(b), {"column 's'", "length 3 and null count 4"});
  b = good_batch();
  b.nodes[0] = {-3, 0};
  expect_error(stream_of(b), {"column 'a'", "length -3"});
  b = good_batch();
  b.nodes[0].second = 1;
  expect_error(stream_of(b), {"column 'a'", "1 nulls but no validity bitmap"});
  b = good_batch();
  b.nodes[1].second = 2;
  expect_error(stream_of(b), {"column 's'", "null count 2 disagrees with the 1 nulls"});
  b = good_batch();
  b.buffers[1].second = 8;
  expect_error(stream_of(b), {"column 'a'", "values buffer of 8 bytes is too short for 3 values"});
  b = good_batch();
  b.length = -1;
  expect_error(stream_of(b), {"negative batch length"});
  // -1: not counted (apache-arrow JS writes it); the bitmap tells.
  b = good_batch();
  b.nodes[1].second = -1;
  Batches read = read_all(stream_of(b));
  EXPECT_EQ(read.arrays[0].children[1]->null_count, 1);
}

TEST(IpcMessages, FramingErrors) {
  std::string good = stream_of(good_batch());
  expect_error("", {"no Schema message"});
  expect_error(good.substr(0, 6), {"message 1", "ends inside a message length prefix"});
  expect_error(good.substr(0, 20), {"message 1 at byte 0", "metadata of"});
  size_t second = schema_message(kSchema).size();
  expect_error(good.substr(0, second + 100),
               {"message 2", "at byte " + std::to_string(second), "past the end of the input"});
  // A corrupt metadata length, and garbage for a flatbuffer.
  std::string bad = good;
  bad.replace(second + 4, 4, le32(-5));
  expect_error(bad, {"message 2", "metadata length -5 is out of range"});
  bad = good;
  for (size_t i = second + 8; i < second + 40; ++i) bad[i] = static_cast<char>(0xEE);
  expect_error(bad, {"message 2", "bad message metadata"});
  // Record batch first, two schemas, a tensor, an old or unknown version.
  expect_error(record_batch(good_batch()), {"the first message must be a Schema"});
  expect_error(schema_message(kSchema) + schema_message(kSchema), {"a second Schema message"});
  fb::FlatBufferBuilder b;
  b.ForceDefaults(true);
  auto t = b.StartTable();
  expect_error(schema_message(kSchema) + encapsulate(b, kHeaderTensor, b.EndTable(t), ""),
               {"tensor messages are not supported"});
  expect_error(schema_message(kSchema) + record_batch(good_batch(), 2),
               {"message 2", "unsupported metadata version 3"});
}

TEST(IpcMessages, BigEndianSchemasAreRefused) {
  fb::FlatBufferBuilder b;
  b.ForceDefaults(true);
  auto t = b.StartTable();
  b.AddElement<int16_t>(spillway::ipc::kSchemaEndianness, 1, 0);
  expect_error(encapsulate(b, kHeaderSchema, b.EndTable(t), ""), {"(schema)", "big-endian"});
}

TEST(IpcMessages, LegacyFramingWithoutContinuation) {
  // Pre-0.15 messages: an int32 length, no 0xFFFFFFFF, then a 0 to end.
  auto legacy = [](const std::string& m) { return m.substr(4); };
  std::string stream =
      legacy(schema_message(kSchema)) + legacy(record_batch(good_batch())) + le32(0);
  Batches b = read_all(stream);
  EXPECT_EQ(column(b, 1), (Strings{"x6162", "null", "x636465"}));
  EXPECT_TRUE(looks_like_arrow_ipc(stream.substr(0, 16)));
}

// Schema {d: dictionary<int8 -> utf8_view>}; dictionaries from `words`.
Batch view_dictionary(const std::vector<std::string>& words) {
  Batch b;
  b.length = static_cast<int64_t>(words.size());
  std::string views, data;
  for (const std::string& w : words) {
    std::string v = le32(static_cast<int32_t>(w.size()));
    if (w.size() <= 12) {
      v += w + std::string(12 - w.size(), '\0');
    } else {
      v += w.substr(0, 4) + le32(0) + le32(static_cast<int32_t>(data.size()));
      data += w;
    }
    views += v;
  }
  b.node(b.length, 0).add("").add(views).add(data);
  b.variadic = std::vector<int64_t>{1};
  return b;
}

Batch indices(std::initializer_list<int8_t> values) {
  Batch b;
  b.length = static_cast<int64_t>(values.size());
  b.node(b.length, 0).add("").add(bytes_of<int8_t>(values));
  return b;
}

TEST(IpcMessages, DictionaryDeltasAndReplacements) {
  std::string s = schema_message({{"c", "d", {}, "vu"}});
  s += dictionary_batch(0, false, view_dictionary({"zero", "one: longer than 12"}));
  s += record_batch(indices({1, 0}));
  s += dictionary_batch(0, true, view_dictionary({"two: also longer than 12", "three"}));
  s += record_batch(indices({3, 2, 1}));
  s += dictionary_batch(0, false, view_dictionary({"new"}));
  s += record_batch(indices({0}));
  Batches b = read_all(s);  // all batches outlive the reader and its dictionaries
  auto hex_of = [](const std::string& w) {
    return "x" + hex(w.data(), static_cast<int64_t>(w.size()));
  };
  EXPECT_EQ(column(b, 0), (Strings{hex_of("one: longer than 12"), hex_of("zero"), hex_of("three"),
                                   hex_of("two: also longer than 12"),
                                   hex_of("one: longer than 12"), hex_of("new")}));
  EXPECT_EQ(b.arrays[0].children[0]->dictionary->length, 2);
  EXPECT_EQ(b.arrays[1].children[0]->dictionary->length, 4);
  EXPECT_EQ(b.arrays[1].children[0]->dictionary->n_buffers, 5);  // 2 variadic buffers
  EXPECT_EQ(b.arrays[2].children[0]->dictionary->length, 1);
}

TEST(IpcMessages, DictionaryErrors) {
  std::string s = schema_message({{"c", "d", {}, "u"}});
  Batch words;
  words.length = 2;
  words.node(2, 0).add("").add(bytes_of<int32_t>({0, 1, 3})).add("xyz");
  expect_error(
      s + dictionary_batch(7, false, words),
      {"message 2 (dictionary batch for id 7)", "no column of the schema uses dictionary id 7"});
  expect_error(s + record_batch(indices({0})),
               {"column 'd'", "no dictionary with id 0 precedes this batch"});
  expect_error(s + dictionary_batch(0, false, words) + record_batch(indices({0, 2})),
               {"record batch 1", "column 'd'",
                "row 1 has dictionary index 2, outside the 2-value dictionary"});
  Batch bad = words;
  bad.body.replace(static_cast<size_t>(bad.buffers[1].first), 12, bytes_of<int32_t>({0, 4, 3}));
  expect_error(s + dictionary_batch(0, false, bad),
               {"column 'd (dictionary)'", "offsets decrease"});
  // Before any dictionary, a column of nulls only gets an empty one.
  Batch nulls;
  nulls.length = 2;
  nulls.node(2, 2).add(std::string(1, '\0')).add(bytes_of<int8_t>({0, 0}));
  Batches b = read_all(s + record_batch(nulls));
  EXPECT_EQ(column(b, 0), (Strings{"null", "null"}));
  EXPECT_EQ(b.arrays[0].children[0]->dictionary->length, 0);
}

TEST(IpcMessages, Compression) {
  std::string raw = bytes_of<int32_t>({1, 2, 3});
  std::string zstd(ZSTD_compressBound(raw.size()), '\0');
  zstd.resize(ZSTD_compress(zstd.data(), zstd.size(), raw.data(), raw.size(), 3));
  std::string lz4(LZ4F_compressFrameBound(raw.size(), nullptr), '\0');
  lz4.resize(LZ4F_compressFrame(lz4.data(), lz4.size(), raw.data(), raw.size(), nullptr));
  auto batch = [&](int8_t codec, const std::string& values) {
    Batch b;
    b.length = 3;
    b.codec = codec;
    b.node(3, 0).add("").add(values);
    return schema_message({{"i", "a"}}) + record_batch(b);
  };
  for (auto [codec, data, name] :
       {std::tuple{kCodecZstd, zstd, "ZSTD"}, std::tuple{kCodecLz4Frame, lz4, "LZ4_FRAME"}}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(column(read_all(batch(codec, le64(12) + data)), 0), (Strings{"1", "2", "3"}));
    // -1: stored as is.
    EXPECT_EQ(column(read_all(batch(codec, le64(-1) + raw)), 0), (Strings{"1", "2", "3"}));
    expect_error(batch(codec, le64(16) + data), {"column 'a'", name, "16"});
    expect_error(batch(codec, le64(8) + data), {"column 'a'", name});
    std::string corrupt = data;
    corrupt[0] ^= 0x55;  // the frame's magic number
    expect_error(batch(codec, le64(12) + corrupt), {"column 'a'", name, "decompression failed"});
    expect_error(batch(codec, le64(12) + data.substr(0, data.size() - 2)), {"column 'a'", name});
    expect_error(batch(codec, le64(int64_t{1} << 40) + data), {"column 'a'", "impossible for"});
    expect_error(batch(codec, "\x0c\0\0"), {"column 'a'", "shorter than its 8-byte length prefix"});
  }
  Batch b;
  b.length = 3;
  b.codec = 7;
  b.node(3, 0).add("").add(raw);
  expect_error(schema_message({{"i", "a"}}) + record_batch(b),
               {"unknown body compression codec 7"});
}

TEST(IpcMessages, ViewErrors) {
  std::string s = schema_message({{"vz", "v"}});
  Batch b;
  b.length = 1;
  b.node(1, 0).add("").add(le32(20) + "abcd" + le32(0) + le32(0)).add("short");
  b.variadic = std::vector<int64_t>{1};
  expect_error(s + record_batch(b),
               {"column 'v'", "row 0 views 20 bytes at offset 0 of data buffer 0"});
  b.variadic.reset();
  expect_error(s + record_batch(b), {"column 'v'", "variadicBufferCounts has no entry"});
  b.variadic = std::vector<int64_t>{5};
  expect_error(s + record_batch(b), {"column 'v'", "variadic buffer count 5 exceeds"});
  b.variadic = std::vector<int64_t>{1};
  b.body.replace(static_cast<size_t>(b.buffers[1].first), 4, le32(-2));
  expect_error(s + record_batch(b), {"column 'v'", "negative view length"});
}

TEST(IpcMessages, ListViewsRunEndsUnionsFixedSizeListsStructs) {
  // list_view<int32>: [[5, 6], null, [6]] over child values 5, 6.
  Batch lv;
  lv.length = 3;
  lv.node(3, 1).add("\x05").add(bytes_of<int32_t>({0, 0, 1})).add(bytes_of<int32_t>({2, 0, 1}));
  lv.node(2, 0).add("").add(bytes_of<int32_t>({5, 6}));
  std::string lv_schema = schema_message({{"+vl", "l", {{"i", "item"}}}});
  EXPECT_EQ(column(read_all(lv_schema + record_batch(lv)), 0), (Strings{"[5,6]", "null", "[6]"}));
  Batch bad = lv;
  bad.body.replace(static_cast<size_t>(bad.buffers[2].first), 4, le32(3));
  expect_error(lv_schema + record_batch(bad), {"column 'l'", "row 0 views 3 values at offset 0"});

  // run_end_encoded<int32, utf8>: runs end at 2, 3: "ab", "ab", "c".
  Batch ree;
  ree.length = 3;
  ree.node(3, 0);
  ree.node(2, 0).add("").add(bytes_of<int32_t>({2, 3}));
  ree.node(2, 0).add("").add(bytes_of<int32_t>({0, 2, 3})).add("abc");
  std::string ree_schema = schema_message({{"+r", "r", {{"i", "run_ends"}, {"u", "values"}}}});
  Batches b = read_all(ree_schema + record_batch(ree));
  EXPECT_EQ(b.arrays[0].children[0]->n_buffers, 0);
  EXPECT_EQ(b.arrays[0].children[0]->children[1]->length, 2);
  bad = ree;
  bad.body.replace(static_cast<size_t>(bad.buffers[1].first), 8, bytes_of<int32_t>({2, 2}));
  expect_error(ree_schema + record_batch(bad),
               {"column 'r'", "run end 2 at run 1 does not increase"});
  bad = ree;
  bad.body.replace(static_cast<size_t>(bad.buffers[1].first), 8, bytes_of<int32_t>({1, 2}));
  expect_error(ree_schema + record_batch(bad), {"column 'r'", "the runs end at 2, before"});

  // Sparse union<int32 = 0, utf8 = 1>, in V5 and (with a validity buffer) V4.
  auto sparse = [](int16_t version, std::initializer_list<int8_t> types) {
    Batch u;
    u.length = 2;
    u.node(2, 0);
    if (version < kMetadataV5) u.add("");
    u.add(bytes_of<int8_t>(types));
    u.node(2, 0).add("").add(bytes_of<int32_t>({7, 8}));
    u.node(2, 0).add("").add(bytes_of<int32_t>({0, 1, 2})).add("xy");
    return schema_message({{"+us:0,1", "u", {{"i", "i"}, {"u", "s"}}}}) + record_batch(u, version);
  };
  EXPECT_EQ(column(read_all(sparse(kMetadataV5, {0, 1})), 0), (Strings{"0:7", "1:x79"}));
  EXPECT_EQ(column(read_all(sparse(kMetadataV4, {1, 0})), 0), (Strings{"1:x78", "0:8"}));
  expect_error(sparse(kMetadataV5, {0, 3}), {"column 'u'", "row 1 has type id 3"});
  // Dense union<int32 = 4>: offsets into the child.
  auto dense = [](std::initializer_list<int32_t> offsets) {
    Batch u;
    u.length = 2;
    u.node(2, 0).add(bytes_of<int8_t>({4, 4})).add(bytes_of<int32_t>(offsets));
    u.node(1, 0).add("").add(bytes_of<int32_t>({9}));
    return schema_message({{"+ud:4", "u", {{"i", "i"}}}}) + record_batch(u);
  };
  EXPECT_EQ(column(read_all(dense({0, 0})), 0), (Strings{"4:9", "4:9"}));
  expect_error(dense({0, 1}), {"column 'u'", "row 1 has offset 1 into child 'i' of 1 values"});

  // fixed_size_list<int32, 2> whose child is one value short; a struct whose
  // child is; a list whose offsets pass its child.
  Batch fsl;
  fsl.length = 2;
  fsl.node(2, 0).add("");
  fsl.node(3, 0).add("").add(bytes_of<int32_t>({1, 2, 3}));
  expect_error(schema_message({{"+w:2", "f", {{"i", "item"}}}}) + record_batch(fsl),
               {"column 'f'", "2 lists of 2 need more than the 3 child values"});
  Batch st;
  st.length = 2;
  st.node(2, 0).add("");
  st.node(1, 0).add("").add(bytes_of<int32_t>({1}));
  expect_error(schema_message({{"+s", "s", {{"i", "x"}}}}) + record_batch(st),
               {"column 's.x'", "child of 1 values is shorter than its struct of 2"});
  Batch list;
  list.length = 1;
  list.node(1, 0).add("").add(bytes_of<int32_t>({0, 4}));
  list.node(3, 0).add("").add(bytes_of<int32_t>({1, 2, 3}));
  expect_error(schema_message({{"+l", "l", {{"i", "item"}}}}) + record_batch(list),
               {"column 'l'", "last offset 4 is past the end of the 3 child values"});
}

// A file: magic, `stream`, a footer listing `dictionaries` and `batches`
// blocks, its length, the magic.
std::string file_of(const std::string& stream, size_t dictionaries, size_t batches) {
  struct alignas(8) Block {
    int64_t offset;
    int32_t metadata_length, padding;
    int64_t body_length;
  };
  fb::FlatBufferBuilder b;
  b.ForceDefaults(true);
  std::vector<Block> d(dictionaries, Block{}), r(batches, Block{});
  auto dv = b.CreateVectorOfStructs(d.data(), d.size());
  auto rv = b.CreateVectorOfStructs(r.data(), r.size());
  auto t = b.StartTable();
  b.AddElement<int16_t>(slot(0), kMetadataV5, -1);
  b.AddOffset(kFooterDictionaries, dv);
  b.AddOffset(kFooterRecordBatches, rv);
  b.Finish(fb::Offset<fb::Table>(b.EndTable(t)));
  std::string footer(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
  return std::string("ARROW1\0\0", 8) + stream + footer +
         le32(static_cast<int32_t>(footer.size())) + "ARROW1";
}

TEST(IpcMessages, FileFormat) {
  std::string stream = schema_message(kSchema) + record_batch(good_batch());
  for (const std::string& s : {stream + kEos, stream}) {  // with or without end-of-stream marker
    EXPECT_EQ(column(read_all(file_of(s, 0, 1)), 0), (Strings{"1", "2", "3"}));
    expect_error(file_of(s, 0, 2),
                 {"file footer", "the footer lists 0 dictionary and 2 record batches"});
  }
  std::string file = file_of(stream + kEos, 0, 1);
  expect_error(file.substr(0, file.size() - 1), {"file footer", "does not end with its footer"});
  expect_error(file.substr(0, 8 + stream.size()), {"does not end with its footer"});
  // A file may extend a dictionary, never replace it.
  std::string s = schema_message({{"c", "d", {}, "u"}});
  Batch words;
  words.length = 1;
  words.node(1, 0).add("").add(bytes_of<int32_t>({0, 1})).add("x");
  s += dictionary_batch(0, false, words) + dictionary_batch(0, true, words) +
       record_batch(indices({1}));
  EXPECT_EQ(column(read_all(file_of(s + kEos, 2, 1)), 0), (Strings{"x78"}));
  expect_error(file_of(s + dictionary_batch(0, false, words) + kEos, 3, 1),
               {"message 5", "does not allow replacing a dictionary"});
}

// ------------------------------------------------------------ through the writer

// The PLAIN bytes Parquet holds for row `r` (nullopt for null) where the
// writer keeps the values as they are or converts them simply; "?" for the
// others (decimals, date64), only checked to be there.
std::optional<std::string> plain_value(const ArrowField& f, const ArrowArray* a, int64_t r) {
  int64_t j = a->offset + r;
  if (f.id == ArrowTypeId::NA || (a->buffers[0] && !bit(a->buffers[0], j))) return std::nullopt;
  if (f.is_dictionary()) {
    return plain_value(*f.dictionary, a->dictionary, index_at(f, a->buffers[1], j));
  }
  const void* v = a->buffers[1];
  bool seconds = f.unit == ArrowTimeUnit::SECOND;
  switch (f.id) {
    case ArrowTypeId::BOOL:
      return std::string(1, bit(v, j) ? '\1' : '\0');
    case ArrowTypeId::INT8:
    case ArrowTypeId::INT16:
    case ArrowTypeId::INT32:
    case ArrowTypeId::UINT8:
    case ArrowTypeId::UINT16:
    case ArrowTypeId::UINT32:
      return test::plain(static_cast<int32_t>(index_at(f, v, j)));
    case ArrowTypeId::DATE32:
      return test::plain(at<int32_t>(v, j));
    case ArrowTypeId::TIME32:
      return test::plain(at<int32_t>(v, j) * (seconds ? 1000 : 1));
    case ArrowTypeId::TIMESTAMP:
      return test::plain(at<int64_t>(v, j) * (seconds ? 1000 : 1));
    case ArrowTypeId::INT64:
    case ArrowTypeId::UINT64:
    case ArrowTypeId::TIME64:
    case ArrowTypeId::DURATION:
      return test::plain(at<int64_t>(v, j));
    case ArrowTypeId::HALF_FLOAT:
    case ArrowTypeId::FLOAT:
    case ArrowTypeId::DOUBLE:
    case ArrowTypeId::FIXED_SIZE_BINARY: {
      int32_t width = fixed_width_bytes(f);
      return std::string(static_cast<const char*>(v) + j * width, static_cast<size_t>(width));
    }
    case ArrowTypeId::INTERVAL_MONTHS:
      return test::plain(at<int32_t>(v, j)) + test::plain(0) + test::plain(0);
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return test::plain(0) + test::plain(at<int32_t>(v, 2 * j)) +
             test::plain(at<int32_t>(v, 2 * j + 1));
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY:
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY:
    case ArrowTypeId::STRING_VIEW:
    case ArrowTypeId::BINARY_VIEW: {
      std::string h = repr(f, a, r).substr(1);
      std::string bytes;
      for (size_t k = 0; k < h.size(); k += 2) {
        bytes += static_cast<char>(std::stoi(h.substr(k, 2), nullptr, 16));
      }
      return bytes;
    }
    default:
      return "?";
  }
}

TEST(IpcReader, BatchesGoThroughTheWriter) {
  for (const char* name :
       {"arrowjs_flat.arrows", "arrowjs_dictionary.arrows", "polars_zstd.arrow"}) {
    Batches in = read_all(fixture(name));
    // Columns the writer takes (it refuses nested and nanosecond intervals).
    std::vector<size_t> keep;
    ArrowField root = in.schema;
    root.children.clear();
    for (size_t c = 0; c < in.schema.children.size(); ++c) {
      const ArrowField& f = in.schema.children[c];
      if (is_nested(f.value_field().id) || f.id == ArrowTypeId::INTERVAL_MONTH_DAY_NANO) continue;
      keep.push_back(c);
      root.children.push_back(f);
    }
    ArrowSchema schema;
    export_schema(root, &schema);
    auto sink = std::make_unique<MemoryOutputStream>();
    MemoryOutputStream* out = sink.get();
    ArrowWriter writer = ArrowWriter::open(std::move(sink), &schema, ArrowWriterOptions());
    schema.release(&schema);
    for (ArrowArray& batch : in.arrays) {
      // A struct of the kept children, moved out of the batch.
      auto holder = std::make_shared<std::vector<ArrowArray>>();
      for (size_t c : keep) {
        holder->push_back(*batch.children[c]);
        batch.children[c]->release = nullptr;
      }
      ArrowArray projected = batch;  // borrow length etc.
      struct Private {
        std::vector<ArrowArray> children;
        std::vector<ArrowArray*> pointers;
        const void* validity = nullptr;
      };
      auto* p = new Private{std::move(*holder), {}, nullptr};
      for (ArrowArray& c : p->children) p->pointers.push_back(&c);
      projected.n_children = static_cast<int64_t>(p->pointers.size());
      projected.children = p->pointers.data();
      projected.buffers = &p->validity;
      projected.n_buffers = 1;
      projected.dictionary = nullptr;
      projected.private_data = p;
      projected.release = [](ArrowArray* a) {
        auto* q = static_cast<Private*>(a->private_data);
        for (ArrowArray& c : q->children) {
          if (c.release) c.release(&c);
        }
        delete q;
        a->release = nullptr;
      };
      writer.write(&projected);
    }
    writer.close();
    test::DecodedFile file = test::read_parquet(out->data());
    ASSERT_EQ(file.columns.size(), keep.size()) << name;
    // Read the fixture again for the expectations (the first copy moved).
    Batches again = read_all(fixture(name));
    for (size_t k = 0; k < keep.size(); ++k) {
      const ArrowField& f = again.schema.children[keep[k]];
      std::vector<std::optional<std::string>> expected;
      for (const ArrowArray& batch : again.arrays) {
        for (int64_t r = 0; r < batch.length; ++r) {
          expected.push_back(plain_value(f, batch.children[keep[k]], r));
        }
      }
      std::vector<std::optional<std::string>> got = test::flat_values(file.columns[k]);
      ASSERT_EQ(got.size(), expected.size()) << name << " " << f.name;
      for (size_t r = 0; r < got.size(); ++r) {
        if (expected[r] && *expected[r] == "?") {
          EXPECT_TRUE(got[r].has_value()) << name << " " << f.name << " row " << r;
        } else {
          EXPECT_EQ(got[r], expected[r]) << name << " " << f.name << " row " << r;
        }
      }
    }
  }
}

}  // namespace
}  // namespace spillway::cli
