#include "input/ipc/message_reader.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>

#include "spillway/error.h"

namespace spillway::cli::ipc {

namespace {

// Metadata beyond this is not a real Message (a schema of a million columns
// takes about 100 MB); checked before allocating for a corrupt length.
constexpr int64_t kMaxMetadata = int64_t{1} << 30;
// Without a known input size, storage grows by doubling from this much, so a
// corrupt length allocates no more than the input actually holds.
constexpr size_t kInitialChunk = size_t{64} << 20;
// The footer is a few bytes per batch.
constexpr size_t kMaxFooter = size_t{64} << 20;

}  // namespace

namespace {

// Message bodies of about the same size arrive one after another. The last
// large block freed is kept for the next one, so batch-sized blocks do not
// fragment the heap between the writer's page-sized ones: converting 2 GB
// showed about 100 MiB of resident memory retained by the allocator without
// this.
constexpr size_t kReuseAtLeast = size_t{1} << 20;

struct SpareBlock {
  std::mutex mutex;
  void* block = nullptr;
  size_t size = 0;
};

SpareBlock& spare() {
  static SpareBlock s;
  return s;
}

// The spare block if it fits `size` (without being more than twice as
// large); its capacity goes to `*capacity`.
void* take_spare(size_t size, size_t* capacity) {
  if (size < kReuseAtLeast) return nullptr;
  SpareBlock& s = spare();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.block == nullptr || s.size < size || s.size / 2 > size) return nullptr;
  *capacity = s.size;
  return std::exchange(s.block, nullptr);
}

void give_back(void* p, size_t size) {
  if (size >= kReuseAtLeast) {
    SpareBlock& s = spare();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.block == nullptr || s.size <= size) {
      std::free(s.block);
      s.block = p;
      s.size = size;
      return;
    }
  }
  std::free(p);
}

}  // namespace

std::shared_ptr<uint8_t> allocate_aligned(size_t size) {
  size_t rounded = (size + 63) / 64 * 64;
  if (rounded == 0) rounded = 64;
  size_t capacity = rounded;
  void* p = take_spare(rounded, &capacity);
  if (p == nullptr) p = std::aligned_alloc(64, rounded);
  if (p == nullptr) throw std::bad_alloc();
  // Zero the padding: buffers may be handed on with their padding.
  if (rounded > size) std::memset(static_cast<uint8_t*>(p) + size, 0, rounded - size);
  return std::shared_ptr<uint8_t>(static_cast<uint8_t*>(p),
                                  [capacity](uint8_t* q) { give_back(q, capacity); });
}

const uint8_t* zero_bytes() {
  alignas(64) static const uint8_t zeros[64] = {};
  return zeros;
}

std::string Message::encapsulated_metadata() const {
  std::string s(8 + metadata_size, '\0');
  int32_t marker = -1;
  auto length = static_cast<int32_t>(metadata_size);
  std::memcpy(s.data(), &marker, 4);
  std::memcpy(s.data() + 4, &length, 4);
  std::memcpy(s.data() + 8, metadata.get(), metadata_size);
  return s;
}

MessageReader::MessageReader(InputSource& input) : in_(&input) {
  std::string_view head = in_->peek(8);
  if (head.substr(0, 6) == kFileMagic) {
    file_ = true;
    char magic[8];
    // "ARROW1" then two bytes of padding to an 8-byte boundary.
    if (in_->read(magic, 8) < 8) where_here(0).fail("the file ends inside its leading magic");
  }
}

Where MessageReader::where_here(size_t message) const {
  Where w;
  w.input = in_->name();
  w.message = message;
  w.offset = position();
  return w;
}

namespace {

// Reads `n` bytes into aligned storage; fewer only at the end of the input
// (`*got` says how many). Allocates up front only when the input's size
// shows the bytes are there.
std::shared_ptr<uint8_t> read_block(InputSource& in, size_t n, size_t* got) {
  uint64_t size = in.size_hint();
  size_t capacity = n;
  if (size == 0 || in.bytes_read() + n > size) capacity = std::min(n, kInitialChunk);
  auto buf = allocate_aligned(capacity);
  size_t have = 0;
  for (;;) {
    have += in.read(buf.get() + have, capacity - have);
    if (have < capacity || capacity == n) break;
    size_t bigger = capacity > n / 2 ? n : capacity * 2;
    auto grown = allocate_aligned(bigger);
    std::memcpy(grown.get(), buf.get(), have);
    buf = std::move(grown);
    capacity = bigger;
  }
  *got = have;
  return buf;
}

}  // namespace

bool MessageReader::plausible_legacy_message(const uint8_t* data, size_t size) const {
  flatbuffers::Verifier v(data, size);
  if (size < 8 || !v.VerifyOffset(0)) return false;
  const auto* t =
      reinterpret_cast<const flatbuffers::Table*>(data + flatbuffers::ReadScalar<uint32_t>(data));
  if (!t->VerifyTableStart(v) ||
      !t->VerifyField<uint8_t>(v, spillway::ipc::kMessageHeaderType, 1)) {
    return false;
  }
  uint8_t type = t->GetField<uint8_t>(spillway::ipc::kMessageHeaderType, 0);
  return type == kHeaderDictionaryBatch || type == kHeaderRecordBatch;
}

void MessageReader::read_metadata(Message& out, int32_t length) {
  size_t n = static_cast<size_t>(length);
  uint64_t size = in_->size_hint();
  if (size != 0 && in_->bytes_read() + n > size) {
    out.where.fail("metadata of " + std::to_string(n) +
                   " bytes extends past the end of the input (" +
                   std::to_string(size - std::min(size, in_->bytes_read())) + " bytes left)");
  }
  size_t got = 0;
  out.metadata = read_block(*in_, n, &got);
  if (got < n) {
    out.where.fail("the input ends inside the message metadata (" + std::to_string(got) + " of " +
                   std::to_string(n) + " bytes)");
  }
  out.metadata_size = n;
}

bool MessageReader::next(Message& out) {
  using spillway::ipc::kMessageBodyLength;
  using spillway::ipc::kMessageHeader;
  using spillway::ipc::kMessageHeaderType;
  using spillway::ipc::kMessageVersion;

  out = Message{};
  out.where = where_here(count_ + 1);
  uint8_t word[4];
  size_t got = in_->read(word, 4);
  if (got == 0) return false;
  if (got < 4) out.where.fail("the input ends inside a message length prefix");
  int32_t length = load_i32(word);
  if (length == -1) {
    // 0xFFFFFFFF continuation, then the metadata length (0: end of stream).
    if (in_->read(word, 4) < 4) out.where.fail("the input ends inside a message length prefix");
    length = load_i32(word);
    if (length == 0) return false;
    continuation_seen_ = true;
  } else if (length == 0) {
    return false;  // a pre-0.15 end-of-stream marker
  } else if (file_ && continuation_seen_) {
    // A file's stream may end without the end-of-stream marker: what follows
    // the last message is then the footer.
    footer_start_.assign(reinterpret_cast<const char*>(word), 4);
    return false;
  }
  if (length < 0 || length > kMaxMetadata) {
    out.where.fail("message metadata length " + std::to_string(length) + " is out of range");
  }
  read_metadata(out, length);
  const uint8_t* meta = out.metadata.get();
  if (file_ && !continuation_seen_ && count_ > 0 &&
      !plausible_legacy_message(meta, out.metadata_size)) {
    // A pre-0.15 file: a length that is not followed by a message is the
    // start of the footer.
    footer_start_.assign(reinterpret_cast<const char*>(word), 4);
    footer_start_.append(reinterpret_cast<const char*>(meta), out.metadata_size);
    return false;
  }
  ++count_;

  out.reader = std::make_unique<FlatReader>(meta, out.metadata_size, out.where);
  FlatReader& r = *out.reader;
  const flatbuffers::Table* message = r.root("Message");
  out.version = r.scalar<int16_t>(message, kMessageVersion, 0, "Message.version");
  out.header_type = r.scalar<uint8_t>(message, kMessageHeaderType, 0, "Message.header_type");
  out.body_length = r.scalar<int64_t>(message, kMessageBodyLength, 0, "Message.bodyLength");
  if (out.version < kMetadataV4 || out.version > kMetadataV5) {
    out.where.fail("unsupported metadata version " + std::to_string(out.version + 1) +
                   " (this reader reads V4 and V5: Arrow 0.8 and later)");
  }
  if (out.header_type == kHeaderTensor || out.header_type == kHeaderSparseTensor) {
    out.where.fail("tensor messages are not supported");
  }
  if (out.header_type < kHeaderSchema || out.header_type > kHeaderRecordBatch) {
    out.where.fail("unknown message type " + std::to_string(out.header_type));
  }
  out.header = r.table(message, kMessageHeader, "message header");
  if (out.header == nullptr) out.where.fail("the message has no header");
  if (out.body_length < 0) {
    out.where.fail("negative body length " + std::to_string(out.body_length));
  }
  uint64_t size = in_->size_hint();
  auto body_length = static_cast<uint64_t>(out.body_length);
  if (size != 0 && body_length > size - std::min(size, in_->bytes_read())) {
    out.where.fail("the body of " + std::to_string(body_length) +
                   " bytes extends past the end of the input (" +
                   std::to_string(size - std::min(size, in_->bytes_read())) + " bytes left)");
  }
  if (body_length > SIZE_MAX / 2) out.where.fail("body length out of range");
  size_t have = 0;
  out.body = read_block(*in_, static_cast<size_t>(body_length), &have);
  if (have < body_length) {
    out.where.fail("the input ends inside the message body (" + std::to_string(have) + " of " +
                   std::to_string(body_length) + " bytes)");
  }
  return true;
}

namespace {

// The footer at the end of `tail` (the bytes after the last message),
// checked against the trailing length and magic, copied to aligned storage.
std::vector<uint64_t> footer_of(const std::string& tail, const Where& where, size_t* length) {
  if (tail.size() < 10 || std::string_view(tail).substr(tail.size() - 6) != kFileMagic) {
    where.fail("the file does not end with its footer and the magic \"ARROW1\" (truncated?)");
  }
  int32_t footer_length =
      load_i32(reinterpret_cast<const uint8_t*>(tail.data()) + tail.size() - 10);
  if (footer_length <= 0 || static_cast<size_t>(footer_length) > tail.size() - 10) {
    where.fail("footer length " + std::to_string(footer_length) + " does not fit the " +
               std::to_string(tail.size() - 10) + " bytes after the last message");
  }
  *length = static_cast<size_t>(footer_length);
  std::vector<uint64_t> footer((*length + 7) / 8 + 1, 0);
  std::memcpy(footer.data(), tail.data() + tail.size() - 10 - *length, *length);
  return footer;
}

void put16(std::string& s, size_t at, uint16_t v) {
  std::memcpy(s.data() + at, &v, 2);
}
void put32(std::string& s, size_t at, uint32_t v) {
  std::memcpy(s.data() + at, &v, 4);
}

}  // namespace

std::string MessageReader::read_footer_schema() {
  Where where = where_here(0);
  where.what = "file footer";
  std::string rest = std::move(footer_start_);
  char chunk[65536];
  for (size_t got; (got = in_->read(chunk, sizeof(chunk))) > 0;) rest.append(chunk, got);
  size_t length = 0;
  std::vector<uint64_t> footer = footer_of(rest, where, &length);
  const auto* base = reinterpret_cast<const uint8_t*>(footer.data());
  FlatReader r(base, length, where);
  const flatbuffers::Table* t = r.root("Footer");
  const flatbuffers::Table* schema = r.table(t, kFooterSchema, "Schema");
  if (schema == nullptr)
    where.fail("the file has no Schema, neither as a message nor in its footer");
  r.end();
  r.end();
  // A Message{version: V5, header: Schema} whose header offset points at the
  // footer's Schema table, copied after it: flatbuffers offsets are relative,
  // so the table and everything it references stay valid.
  //   0: root offset -> 16    4: vtable (size 10, table size 12; header at
  //   +4, version at +8, header type at +10)    16: the table
  constexpr size_t kTable = 16, kFooterAt = 32;
  std::string m(kFooterAt + length, '\0');
  put32(m, 0, kTable);
  put16(m, 4, 10);
  put16(m, 6, 12);
  put16(m, 8, 8);    // slot 0: version
  put16(m, 10, 10);  // slot 1: header type
  put16(m, 12, 4);   // slot 2: header
  put32(m, kTable, kTable - 4);
  auto schema_at = static_cast<size_t>(reinterpret_cast<const uint8_t*>(schema) - base);
  put32(m, kTable + 4, static_cast<uint32_t>(kFooterAt + schema_at - (kTable + 4)));
  put16(m, kTable + 8, static_cast<uint16_t>(kMetadataV5));
  m[kTable + 10] = static_cast<char>(kHeaderSchema);
  std::memcpy(m.data() + kFooterAt, base, length);
  std::string encapsulated(8, '\0');
  put32(encapsulated, 0, 0xFFFFFFFFu);
  put32(encapsulated, 4, static_cast<uint32_t>(m.size()));
  // Go on reading messages from memory.
  buffered_at_ = position();
  buffered_ = InputSource::from_string(std::move(rest), in_->name());
  in_ = buffered_.get();
  footer_start_.clear();
  return encapsulated + m;
}

void MessageReader::finish_file(size_t dictionary_batches, size_t record_batches) {
  if (!file_) return;
  Where where = where_here(0);
  where.what = "file footer";
  std::string tail = std::move(footer_start_);
  char chunk[65536];
  for (size_t got; (got = in_->read(chunk, sizeof(chunk))) > 0;) {
    tail.append(chunk, got);
    if (tail.size() > kMaxFooter) where.fail("more than 64 MiB follow the last message");
  }
  size_t length = 0;
  std::vector<uint64_t> footer = footer_of(tail, where, &length);
  FlatReader r(reinterpret_cast<const uint8_t*>(footer.data()), length, where);
  const flatbuffers::Table* t = r.root("Footer");
  if (r.table(t, kFooterSchema, "Schema") != nullptr) r.end();
  size_t dictionaries = 0, batches = 0;
  r.vector(t, kFooterDictionaries, kBlockSize, &dictionaries, "Footer.dictionaries");
  r.vector(t, kFooterRecordBatches, kBlockSize, &batches, "Footer.recordBatches");
  r.end();
  if (dictionaries != dictionary_batches || batches != record_batches) {
    where.fail("the footer lists " + std::to_string(dictionaries) + " dictionary and " +
               std::to_string(batches) + " record batches, the file holds " +
               std::to_string(dictionary_batches) + " and " + std::to_string(record_batches));
  }
}

}  // namespace spillway::cli::ipc
