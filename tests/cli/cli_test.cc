// The `spillway` command end to end: every subcommand, option family and
// error path, run as a user runs it.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "format/file_layout.h"
#include "support/parquet_verifier.h"

namespace spillway {
namespace {

namespace fs = std::filesystem;

struct CmdResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A scratch directory per test, removed afterwards.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spillway-cli-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path path(const std::string& name) const { return dir_ / name; }

  fs::path write_file(const std::string& name, const std::string& content) const {
    std::ofstream(path(name), std::ios::binary) << content;
    return path(name);
  }

  // Runs `spillway ARGS` through the shell (ARGS may hold redirections).
  CmdResult run(const std::string& args) const {
    const fs::path out = dir_ / ".stdout", err = dir_ / ".stderr";
    std::string cmd =
        std::string(SPILLWAY_CLI_PATH) + " " + args + " >" + out.string() + " 2>" + err.string();
    int status = std::system(cmd.c_str());
    CmdResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
  }

  // Files in the scratch directory other than `keep` (leftover temp files).
  std::vector<std::string> other_files(const std::vector<std::string>& keep) const {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir_)) {
      std::string name = e.path().filename().string();
      if (std::find(keep.begin(), keep.end(), name) == keep.end()) found.push_back(name);
    }
    return found;
  }

  fs::path dir_;
};

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

TEST_F(CliTest, VersionAndHelp) {
  CmdResult v = run("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("spillway version"), std::string::npos);
  CmdResult h = run("convert --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--memory-budget"), std::string::npos);
  EXPECT_NE(h.out.find("256 MiB on the heap"), std::string::npos) << "the default is stated";
  CmdResult none = run("");
  EXPECT_NE(none.exit_code, 0);
}

// 300 rows: id, a name with commas and quotes, a score, a flag, a day; some
// nulls (empty fields).
std::string sample_csv(int rows = 300, int first_id = 0) {
  std::string csv = "id,name,score,flag,day\n";
  for (int i = first_id; i < first_id + rows; ++i) {
    csv += std::to_string(i) + ",";
    csv += (i % 7 == 0) ? "" : "\"n" + std::to_string(i) + ", \"\"q\"\"\"";
    csv += "," + (i % 5 == 0 ? std::string() : std::to_string(i) + ".5");
    csv += std::string(",") + (i % 2 ? "true" : "false");
    csv += ",2026-01-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1);
    csv += "\n";
  }
  return csv;
}

test::DecodedFile read_back(const fs::path& p) {
  return test::read_parquet_file(p.string());
}

TEST_F(CliTest, ConvertsCsvAndPrintsASummary) {
  fs::path in = write_file("in.csv", sample_csv());
  CmdResult r = run("convert " + q(in) + " " + q(path("out.parquet")) + " --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("rows                300"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("peak RSS"), std::string::npos);
  EXPECT_NE(r.out.find("budgeted (256 MiB"), std::string::npos) << "the CLI's default store";
  test::DecodedFile f = read_back(path("out.parquet"));
  EXPECT_EQ(f.metadata.num_rows, 300);
  ASSERT_EQ(f.columns.size(), 5u);
  auto names = test::flat_values(f.columns[1]);
  EXPECT_EQ(names[0], std::nullopt);
  EXPECT_EQ(names[1], std::optional<std::string>("n1, \"q\""));
  auto ids = test::flat_values(f.columns[0]);
  EXPECT_EQ(ids[299], std::optional<std::string>(test::plain<int64_t>(299)));
  auto days = test::flat_values(f.columns[4]);
  EXPECT_EQ(days[0], std::optional<std::string>(test::plain<int32_t>(20454)));  // 2026-01-01
  const auto& codec = f.metadata.row_groups[0].columns[0].meta_data->codec;
  EXPECT_EQ(codec, CompressionCodec::ZSTD) << "the CLI's default codec";
  EXPECT_EQ(other_files({"in.csv", "out.parquet"}), std::vector<std::string>{});
}

TEST_F(CliTest, WriterOptionsReachTheFile) {
  fs::path in = write_file("in.csv", sample_csv(1000));
  CmdResult r = run("convert " + q(in) + " " + q(path("out.parquet")) +
                    " --compression snappy --row-group-rows 300 --writer-version 2 --dictionary off"
                    " --statistics none --page-size 1KiB --page-store memory --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  test::DecodedFile f = read_back(path("out.parquet"));
  ASSERT_EQ(f.metadata.row_groups.size(), 4u);
  const ColumnMetaData& md = *f.metadata.row_groups[0].columns[1].meta_data;
  EXPECT_EQ(md.codec, CompressionCodec::SNAPPY);
  EXPECT_FALSE(md.statistics.has_value());
  EXPECT_EQ(std::count(md.encodings.begin(), md.encodings.end(), Encoding::RLE_DICTIONARY), 0);
  std::vector<uint8_t> bytes(fs::file_size(path("out.parquet")));
  std::ifstream(path("out.parquet"), std::ios::binary)
      .read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  auto pages = read_column_chunk_pages(bytes, f.metadata.row_groups[0].columns[0]);
  EXPECT_EQ(pages.back().header.type, PageType::DATA_PAGE_V2);

  // 1 KiB pages: the names (PLAIN in v1 pages) take several per row group.
  r = run("convert " + q(in) + " " + q(path("small-pages.parquet")) +
          " --row-group-rows 300 --dictionary off --page-size 1KiB --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(read_back(path("small-pages.parquet")).columns[1].num_data_pages, 2u * 4);

  // --page-checksums: every page carries its CRC, and inspect checks them.
  r = run("convert " + q(in) + " " + q(path("crc.parquet")) +
          " --page-checksums --page-size 1KiB --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  test::DecodedFile crc = read_back(path("crc.parquet"));
  for (const auto& c : crc.columns) {
    EXPECT_EQ(c.pages_with_crc, c.num_data_pages + c.num_dictionary_pages);
  }
  r = run("inspect --pages " + q(path("crc.parquet")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(" ok"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("BAD"), std::string::npos) << r.out;

  // --no-fsync: the same bytes, renamed into place, no temporary left.
  r = run("convert " + q(in) + " " + q(path("nosync.parquet")) + " --no-fsync --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run("convert " + q(in) + " " + q(path("sync.parquet")) + " --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(path("nosync.parquet")), slurp(path("sync.parquet")));
  for (const auto& e : fs::directory_iterator(path(""))) {
    EXPECT_EQ(e.path().filename().string().find(".spillway-"), std::string::npos) << e.path();
  }
}

TEST_F(CliTest, EveryPageStoreGivesTheSameFileAndSpillsAreCleanedUp) {
  fs::path in = write_file("in.csv", sample_csv(3000));
  fs::create_directories(path("spill"));
  std::string common =
      " --row-group-rows 100000 --page-size 4KiB --progress off --spill-dir " + q(path("spill"));
  std::vector<std::string> files;
  for (std::string store : {"memory", "spill", "budget --memory-budget 8KiB"}) {
    std::string name = "out-" + store.substr(0, store.find(' ')) + ".parquet";
    CmdResult r = run("convert " + q(in) + " " + q(path(name)) + " --page-store " + store + common);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (store != "memory") {
      EXPECT_EQ(r.out.find("bytes spilled       0 B"), std::string::npos) << r.out;
    }
    files.push_back(slurp(path(name)));
    EXPECT_TRUE(fs::is_empty(path("spill"))) << "the spill file is unlinked";
  }
  EXPECT_EQ(files[0], files[1]);
  EXPECT_EQ(files[0], files[2]);
}

TEST_F(CliTest, StandardInputAndSeveralInputsAppend) {
  write_file("a.csv", sample_csv(100, 0));
  write_file("b.csv", sample_csv(50, 100));
  CmdResult r = run("convert - " + q(path("b.csv")) + " " + q(path("out.parquet")) +
                    " --format csv --progress off < " + q(path("a.csv")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  test::DecodedFile f = read_back(path("out.parquet"));
  EXPECT_EQ(f.metadata.num_rows, 150);
  auto ids = test::flat_values(f.columns[0]);
  EXPECT_EQ(ids[120], std::optional<std::string>(test::plain<int64_t>(120)));
}

TEST_F(CliTest, InputsWithDifferentSchemasAreRefused) {
  write_file("a.csv", sample_csv(10));
  write_file("b.csv", "id,other\n1,x\n");
  CmdResult r = run("convert " + q(path("a.csv")) + " " + q(path("b.csv")) + " " +
                    q(path("out.parquet")) + " --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("b.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("same schema"), std::string::npos) << r.err;
  EXPECT_EQ(other_files({"a.csv", "b.csv"}), std::vector<std::string>{});
}

TEST_F(CliTest, BadInputFailsAndLeavesNothingAtTheOutput) {
  write_file("ragged.csv", "a,b\n1,2\n3\n");
  CmdResult r =
      run("convert " + q(path("ragged.csv")) + " " + q(path("out.parquet")) + " --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("ragged.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;

  // A value that does not parse as the forced type names line and column.
  write_file("typed.csv", "a,b\n1,x\n2,y\n");
  r = run("convert " + q(path("typed.csv")) + " " + q(path("out.parquet")) +
          " --schema b:int64 --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'b'"), std::string::npos) << r.err;

  // A value after the inference sample that does not fit the inferred type.
  write_file("bad.ndjson", "{\"a\": 1}\n{\"a\": [1, 2]}\n");
  r = run("convert " + q(path("bad.ndjson")) + " " + q(path("out.parquet")) +
          " --infer-rows 1 --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 2, key 'a'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--schema a:utf8"), std::string::npos) << r.err;

  write_file("bad.json", "{\"a\": 1}\n{\"a\": 2,}\n");
  r = run("convert " + q(path("bad.json")) + " " + q(path("out.parquet")) + " --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;

  write_file("bad.arrows", std::string("\xff\xff\xff\xff\x10\x00\x00\x00garbage!", 16));
  r = run("convert " + q(path("bad.arrows")) + " " + q(path("out.parquet")) + " --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.arrows"), std::string::npos) << r.err;

  EXPECT_EQ(other_files({"ragged.csv", "typed.csv", "bad.ndjson", "bad.json", "bad.arrows"}),
            std::vector<std::string>{});
}

// A conversion that fails after writing several row groups leaves the file
// it would have replaced as it was, and nothing else.
TEST_F(CliTest, AFailedConversionKeepsThePreviousOutput) {
  fs::path good = write_file("good.csv", sample_csv(50));
  CmdResult r = run("convert " + q(good) + " " + q(path("out.parquet")) + " --progress off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string previous = slurp(path("out.parquet"));
  std::string csv = sample_csv(6000);
  csv += "6000,x,1.5,maybe,2026-01-01\n";  // not a bool
  write_file("late-error.csv", csv);
  r = run("convert " + q(path("late-error.csv")) + " " + q(path("out.parquet")) +
          " --schema flag:bool --row-group-rows 1000 --page-store spill --spill-dir " +
          q(path("")) + " --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 6002"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'flag'"), std::string::npos) << r.err;
  EXPECT_TRUE(slurp(path("out.parquet")) == previous) << "the previous file was not kept";
  EXPECT_EQ(other_files({"good.csv", "late-error.csv", "out.parquet"}), std::vector<std::string>{});
}

TEST_F(CliTest, UnusableOutputsAndOptionsAreClearErrors) {
  fs::path in = write_file("in.csv", sample_csv(5));
  CmdResult r =
      run("convert " + q(in) + " " + q(path("missing/dir/out.parquet")) + " --progress off");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing/dir"), std::string::npos) << r.err;
  r = run("convert " + q(path("nope.csv")) + " " + q(path("out.parquet")));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.csv"), std::string::npos) << r.err;
  r = run("convert " + q(in) + " " + q(path("out.parquet")) + " --memory-budget lots");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--memory-budget"), std::string::npos) << r.err;
  r = run("convert " + q(in) + " " + q(path("out.parquet")) + " --compression lzo");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lzo"), std::string::npos) << r.err;
  r = run("convert " + q(in) + " " + q(path("out.parquet")) + " --page-store disk");
  EXPECT_NE(r.exit_code, 0);
  r = run("convert " + q(in) + " " + q(path("out.parquet")) + " --schema 'zz:int64'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("zz"), std::string::npos) << r.err;
  EXPECT_EQ(other_files({"in.csv"}), std::vector<std::string>{});
}

TEST_F(CliTest, ProgressLineWhenAsked) {
  fs::path in = write_file("in.csv", sample_csv(50));
  CmdResult r = run("convert " + q(in) + " " + q(path("out.parquet")) + " --progress on");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("rows"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("MB/s"), std::string::npos) << r.err;
  r = run("convert " + q(in) + " " + q(path("out2.parquet")));
  EXPECT_EQ(r.err, "") << "auto: no progress when stderr is not a terminal";
}

TEST_F(CliTest, InspectReportsAndChecks) {
  fs::path in = write_file("in.csv", sample_csv(500));
  ASSERT_EQ(run("convert " + q(in) + " " + q(path("out.parquet")) + " --progress off").exit_code,
            0);
  CmdResult r = run("inspect " + q(path("out.parquet")));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("score"), std::string::npos) << r.out;
  CmdResult p = run("inspect --pages " + q(path("out.parquet")));
  EXPECT_EQ(p.exit_code, 0) << p.err;
  EXPECT_GT(p.out.size(), r.out.size());
  CmdResult j = run("inspect --json " + q(path("out.parquet")));
  EXPECT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(j.out.substr(0, 1), "{");
  std::string bytes = slurp(path("out.parquet"));
  write_file("truncated.parquet", bytes.substr(0, bytes.size() / 2));
  CmdResult bad = run("inspect " + q(path("truncated.parquet")));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(bad.err.empty());
}

TEST_F(CliTest, DemoPrintsMeasuredSideBySideTable) {
  CmdResult r =
      run("demo --rows 3000 --columns 40 --fat-columns 2 --fat-bytes 512 --memory-budget 1MiB "
          "--dir " +
          q(path("demo")));
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  for (const char* s :
       {"in-memory store", "budgeted store (1.0 MiB)", "peak RSS", "peak writer memory",
        "bytes spilled", "output size", "byte-identical", "spillway inspect"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  EXPECT_TRUE(fs::exists(path("demo/demo-budgeted-store.parquet")));
  EXPECT_EQ(read_back(path("demo/demo-budgeted-store.parquet")).metadata.num_rows, 3000);
}

}  // namespace
}  // namespace spillway
