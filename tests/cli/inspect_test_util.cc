#include "inspect_test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

#include "format/metadata_io.h"
#include "inspect_report.h"
#include "support/arrow_builder.h"

namespace spillway::cli::inspect_test {
namespace {

namespace fs = std::filesystem;

}  // namespace

Bytes8 write_batch(test::OwnedArray& batch, const WriterProperties& props) {
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  ArrowWriter writer = ArrowWriter::open(std::move(sink), &batch.schema,
                                         ArrowWriterOptions().with_properties(props));
  ArrowArray moved = batch.array;
  batch.array.release = nullptr;
  writer.write(&moved);
  writer.close();
  return out->data();
}

namespace {

// A strict recursive-descent check that `s` is one JSON value.
class JsonChecker {
 public:
  static bool valid(const std::string& s) {
    JsonChecker c{s};
    return c.value() && (c.skip_ws(), c.i_ == s.size());
  }

 private:
  explicit JsonChecker(const std::string& s) : s_(s) {}
  void skip_ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool literal(const char* w) {
    size_t n = std::strlen(w);
    if (s_.compare(i_, n, w) != 0) return false;
    i_ += n;
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (static_cast<unsigned char>(s_[i_]) < 0x20) return false;
      if (s_[i_] == '\\') ++i_;
      ++i_;
    }
    return i_++ < s_.size();
  }
  bool number() {
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) ||
                              std::strchr(".eE+-", s_[i_]) != nullptr)) {
      ++i_;
    }
    return i_ > start && std::isdigit(static_cast<unsigned char>(s_[i_ - 1]));
  }
  bool value() {
    skip_ws();
    if (i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{':
        ++i_;
        if (eat('}')) return true;
        do {
          if (!string() || !eat(':') || !value()) return false;
        } while (eat(','));
        return eat('}');
      case '[':
        ++i_;
        if (eat(']')) return true;
        do {
          if (!value()) return false;
        } while (eat(','));
        return eat(']');
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }
  const std::string& s_;
  size_t i_ = 0;
};

}  // namespace

Bytes8 sample_file(const Sample& s) {
  test::Values<int64_t> id, ts;
  test::Values<std::string> city, amount;
  test::Values<double> score;
  test::Values<int32_t> day;
  for (int i = 0; i < s.rows; ++i) {
    id.push_back(i + 1);
    city.push_back(i % 4 == 3 ? std::nullopt
                              : std::optional<std::string>("city_" + std::to_string(i % 3)));
    score.push_back(i % 5 == 4 ? std::nullopt : std::optional<double>(i * 0.5));
    day.push_back(kJan1st2024 + i);
    amount.push_back(std::to_string(i - 2) + ".50");
    ts.push_back(kJan1st2024Micros + int64_t{i} * 1000000);
  }
  test::OwnedArray batch =
      test::make_batch({{"id", test::int64_column(id)},
                        {"city", test::string_column(city)},
                        {"score", test::float64_column(score)},
                        {"day", test::date32_column(day)},
                        {"amount", test::decimal_column(128, 9, 2, amount)},
                        {"ts", test::timestamp_column(ArrowTimeUnit::MICRO, "UTC", ts)}});
  auto props = WriterProperties::builder()
                   .set_writer_version(s.version)
                   .set_max_row_group_row_count(s.row_group_rows)
                   .set_data_page_row_count_limit(s.page_rows)
                   .set_write_batch_size(1)
                   .set_column_dictionary_enabled(ColumnPath({"id"}), false)
                   .set_key_value_metadata({{"origin", std::string("inspect_test")}})
                   .set_sorting_columns({{0, false, false}});
  if (!s.page_index) {
    props.set_statistics_enabled(EnabledStatistics::CHUNK).set_offset_index_disabled(true);
  }
  return write_batch(batch, props.build());
}

Bytes8 one_column_file() {
  test::OwnedArray batch = test::make_batch({{"n", test::int32_column({1, 2, std::nullopt, 4})}});
  return write_batch(batch, WriterProperties::builder()
                                .set_statistics_enabled(EnabledStatistics::CHUNK)
                                .set_offset_index_disabled(true)
                                .set_dictionary_enabled(false)
                                .build());
}

int64_t Parts::append(const ByteBuffer& bytes) {
  int64_t at = static_cast<int64_t>(body.size());
  body.insert(body.end(), bytes.data(), bytes.data() + bytes.size());
  return at;
}

Bytes8 Parts::join() const {
  ByteBuffer footer;
  write_thrift(metadata, footer);
  Bytes8 out = body;
  out.insert(out.end(), footer.data(), footer.data() + footer.size());
  const auto n = static_cast<uint32_t>(footer.size());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(n >> (8 * i)));
  for (char c : std::string("PAR1")) out.push_back(static_cast<uint8_t>(c));
  return out;
}

Parts split(const Bytes8& file) {
  ParquetFooter footer = read_footer(file);
  const size_t body = file.size() - 8 - footer.metadata_length;
  return {Bytes8(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(body)),
          std::move(footer.metadata)};
}

Bytes8 with_metadata(const Bytes8& file, const std::function<void(FileMetaData&)>& change) {
  Parts parts = split(file);
  change(parts.metadata);
  return parts.join();
}

ColumnMetaData& column(FileMetaData& md, size_t row_group, size_t c) {
  return *md.row_groups.at(row_group).columns.at(c).meta_data;
}

size_t library_page_count(const Bytes8& file, PageType type) {
  ParquetFooter footer = read_footer(file);
  size_t n = 0;
  for (const RowGroup& rg : footer.metadata.row_groups) {
    for (const ColumnChunk& c : rg.columns) {
      for (const RawPage& p : read_column_chunk_pages(file, c)) n += p.header.type == type;
    }
  }
  return n;
}

std::vector<RawPage> pages_of(const Bytes8& file, size_t rg, size_t c) {
  ParquetFooter footer = read_footer(file);
  return read_column_chunk_pages(file, footer.metadata.row_groups.at(rg).columns.at(c));
}

inspect::Report verify(const Bytes8& file) {
  return inspect::inspect_file(file, "file", /*verify=*/true);
}

std::string problems(const inspect::Report& r) {
  std::string out;
  for (const std::string& p : r.problems) out += p + "\n";
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

bool json_valid(const std::string& s) {
  return JsonChecker::valid(s);
}

void expect_invalid(const Result& r, const std::string& reason) {
  EXPECT_EQ(r.code, kInspectInvalid) << r.out;
  EXPECT_TRUE(contains(r.err, reason)) << "stderr:\n" << r.err;
  EXPECT_TRUE(contains(r.out, reason)) << "report:\n" << r.out;
}

void InspectTest::SetUp() {
  dir_ =
      fs::temp_directory_path() / ("spillway-inspect-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::create_directories(dir_);
}

void InspectTest::TearDown() {
  fs::remove_all(dir_);
}

std::string InspectTest::save(const Bytes8& bytes, const std::string& name) {
  fs::path path = dir_ / name;
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

Result InspectTest::run(const std::string& path, bool pages, bool json, bool verify) {
  std::ostringstream out, err;
  int code = run_inspect({path, pages, json, verify}, out, err);
  return {code, out.str(), err.str()};
}

FlipCounts flip_every_byte(const Bytes8& file) {
  FlipCounts counts;
  for (size_t i = 0; i < file.size(); ++i) {
    Bytes8 copy = file;
    copy[i] ^= static_cast<uint8_t>(0x5A + i);
    try {
      inspect::Report report = inspect::inspect_file(copy, "copy");
      std::ostringstream text, json;
      inspect::print_text(report, true, text);
      inspect::print_json(report, true, json);
      EXPECT_TRUE(json_valid(json.str())) << "byte " << i << "\n" << json.str();
      counts.invalid += !report.problems.empty();
    } catch (const inspect::NotParquet&) {
      ++counts.unreadable;
    }
  }
  return counts;
}

}  // namespace spillway::cli::inspect_test
