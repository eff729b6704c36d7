#include "format/file_layout.h"

#include <cstring>
#include <fstream>
#include <string>

#include "format/metadata_io.h"
#include "spillway/error.h"

namespace spillway {
namespace {

constexpr size_t kMagicSize = 4;
constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";

bool has_magic(std::span<const uint8_t> file, size_t at, const char* magic) {
  return std::memcmp(file.data() + at, magic, kMagicSize) == 0;
}

std::string column_name(const ColumnChunk& chunk) {
  if (!chunk.meta_data) return "<no meta_data>";
  std::string name;
  for (const std::string& part : chunk.meta_data->path_in_schema) {
    if (!name.empty()) name += '.';
    name += part;
  }
  return name;
}

const ColumnMetaData& metadata_of(const ColumnChunk& chunk) {
  if (!chunk.meta_data) throw Error("column chunk has no meta_data");
  return *chunk.meta_data;
}

// Checks that [offset, offset + length) lies inside the file.
void check_range(std::span<const uint8_t> file, int64_t offset, int64_t length,
                 const std::string& what) {
  if (offset < 0 || length < 0 || static_cast<uint64_t>(offset) > file.size() ||
      static_cast<uint64_t>(length) > file.size() - static_cast<uint64_t>(offset)) {
    throw Error(what + ": range [" + std::to_string(offset) + ", +" + std::to_string(length) +
                ") lies outside the file of " + std::to_string(file.size()) + " bytes");
  }
}

// The bytes of a page index structure, or an empty span when the chunk has
// none; offset and length must come together.
std::span<const uint8_t> index_bytes(std::span<const uint8_t> file, const ColumnChunk& chunk,
                                     const std::optional<int64_t>& offset,
                                     const std::optional<int32_t>& length, const char* kind) {
  std::string what = "column '" + column_name(chunk) + "' " + kind;
  if (!offset && !length) return {};
  if (!offset || !length) throw Error(what + ": only one of its offset and length is set");
  if (*length <= 0) throw Error(what + ": length " + std::to_string(*length) + " is not positive");
  check_range(file, *offset, *length, what);
  return file.subspan(static_cast<size_t>(*offset), static_cast<size_t>(*length));
}

template <typename T>
std::optional<T> read_index(std::span<const uint8_t> bytes, const ColumnChunk& chunk,
                            const char* kind, T (*parse)(std::span<const uint8_t>, size_t*)) {
  if (bytes.empty()) return std::nullopt;
  std::string what = "column '" + column_name(chunk) + "' " + kind;
  size_t consumed = 0;
  T value;
  try {
    value = parse(bytes, &consumed);
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
  if (consumed != bytes.size()) {
    throw Error(what + " takes " + std::to_string(consumed) + " bytes but its length is " +
                std::to_string(bytes.size()));
  }
  return value;
}

}  // namespace

ParquetFooter read_footer(std::span<const uint8_t> file) {
  constexpr size_t kMinSize = 2 * kMagicSize + 4;
  if (file.size() < kMinSize) {
    throw Error("file of " + std::to_string(file.size()) +
                " bytes is too small to be Parquet (at least " + std::to_string(kMinSize) + ")");
  }
  if (!has_magic(file, 0, kMagic)) throw Error("file does not start with the magic \"PAR1\"");
  size_t tail = file.size() - kMagicSize;
  if (has_magic(file, tail, kEncryptedMagic)) {
    throw Error("file has an encrypted footer (\"PARE\"), which is not supported");
  }
  if (!has_magic(file, tail, kMagic)) throw Error("file does not end with the magic \"PAR1\"");

  ParquetFooter footer;
  const uint8_t* p = file.data() + tail - 4;
  footer.metadata_length =
      uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
  size_t available = file.size() - kMinSize;
  if (footer.metadata_length == 0 || footer.metadata_length > available) {
    throw Error("footer length " + std::to_string(footer.metadata_length) +
                " does not fit the file (at most " + std::to_string(available) + " bytes)");
  }
  auto bytes = file.subspan(tail - 4 - footer.metadata_length, footer.metadata_length);
  size_t consumed = 0;
  try {
    footer.metadata = read_file_metadata(bytes, &consumed);
  } catch (const Error& e) {
    throw Error(std::string("footer: ") + e.what());
  }
  if (consumed != footer.metadata_length) {
    throw Error("footer: FileMetaData takes " + std::to_string(consumed) +
                " bytes but the footer length is " + std::to_string(footer.metadata_length));
  }
  return footer;
}

std::vector<uint8_t> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error("cannot open '" + path.string() + "' for reading");
  std::streamoff size = in.tellg();
  if (size < 0) throw Error("cannot determine the size of '" + path.string() + "'");
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw Error("cannot read " + std::to_string(size) + " bytes from '" + path.string() + "'");
  }
  return bytes;
}

std::vector<RawPage> read_column_chunk_pages(std::span<const uint8_t> file,
                                             const ColumnChunk& chunk) {
  const ColumnMetaData& m = metadata_of(chunk);
  std::string what = "column '" + column_name(chunk) + "'";
  // Offset 0 holds the magic, so a dictionary_page_offset of 0 (written by
  // some old writers) means "none".
  bool has_dictionary = m.dictionary_page_offset && *m.dictionary_page_offset > 0;
  int64_t start = has_dictionary ? *m.dictionary_page_offset : m.data_page_offset;
  check_range(file, start, m.total_compressed_size, what + " chunk");
  const int64_t end = start + m.total_compressed_size;

  std::vector<RawPage> pages;
  int64_t pos = start;
  while (pos < end) {
    RawPage page;
    page.offset = pos;
    auto rest = file.subspan(static_cast<size_t>(pos), static_cast<size_t>(end - pos));
    try {
      page.header = read_page_header(rest, &page.header_length);
    } catch (const Error& e) {
      throw Error(what + ": page header at file offset " + std::to_string(pos) + ": " + e.what());
    }
    int64_t size = page.header.compressed_page_size;
    int64_t body_at = pos + static_cast<int64_t>(page.header_length);
    if (size < 0 || size > end - body_at) {
      throw Error(what + ": page at file offset " + std::to_string(pos) +
                  " has compressed_page_size " + std::to_string(size) +
                  ", past the chunk's end at " + std::to_string(end) + " (total_compressed_size " +
                  std::to_string(m.total_compressed_size) + ")");
    }
    page.body = file.subspan(static_cast<size_t>(body_at), static_cast<size_t>(size));
    pages.push_back(page);
    pos = body_at + size;
  }

  // The offsets in ColumnMetaData must point at the pages they name.
  if (has_dictionary && (pages.empty() || pages[0].header.type != PageType::DICTIONARY_PAGE)) {
    throw Error(what + ": dictionary_page_offset " + std::to_string(start) +
                " does not point at a dictionary page");
  }
  for (const RawPage& page : pages) {
    if (page.header.type == PageType::DICTIONARY_PAGE) continue;
    if (page.offset != m.data_page_offset) {
      throw Error(what + ": data_page_offset " + std::to_string(m.data_page_offset) +
                  " is not the first data page, which is at " + std::to_string(page.offset));
    }
    break;
  }
  return pages;
}

std::optional<ColumnIndex> read_column_index(std::span<const uint8_t> file,
                                             const ColumnChunk& chunk) {
  auto bytes =
      index_bytes(file, chunk, chunk.column_index_offset, chunk.column_index_length, "ColumnIndex");
  return read_index<ColumnIndex>(bytes, chunk, "ColumnIndex", &spillway::read_column_index);
}

std::optional<OffsetIndex> read_offset_index(std::span<const uint8_t> file,
                                             const ColumnChunk& chunk) {
  auto bytes =
      index_bytes(file, chunk, chunk.offset_index_offset, chunk.offset_index_length, "OffsetIndex");
  return read_index<OffsetIndex>(bytes, chunk, "OffsetIndex", &spillway::read_offset_index);
}

}  // namespace spillway
