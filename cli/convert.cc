#include "convert.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "arrow/export.h"
#include "input/input_source.h"
#include "input/ipc/ipc_reader.h"
#include "progress.h"
#include "spillway/error.h"
#include "units.h"

namespace spillway::cli {

namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

std::unique_ptr<BatchReader> open_input(const std::string& path, const ConvertOptions& o) {
  auto source = InputSource::open(path);
  std::string format = detect_format(path, source->peek(64), o.format);
  if (format == "ipc") return open_ipc_reader(std::move(source));
  if (format == "ndjson") return open_ndjson_reader(std::move(source), o.ndjson);
  CsvOptions csv = o.csv;
  if (format == "tsv" && o.format != "csv") csv.delimiter = '\t';
  return open_csv_reader(std::move(source), csv);
}

// Same column names, types and nullability, in the same order.
bool same_schema(const ArrowField& a, const ArrowField& b) {
  if (a.children.size() != b.children.size()) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    const ArrowField& x = a.children[i];
    const ArrowField& y = b.children[i];
    if (x.name != y.name || x.nullable != y.nullable || describe(x) != describe(y)) return false;
  }
  return true;
}

std::string schema_text(const ArrowField& root) {
  std::string s;
  for (const ArrowField& c : root.children) {
    if (!s.empty()) s += ", ";
    s += c.name + ": " + describe(c) + (c.nullable ? "" : " not null");
  }
  return "{" + s + "}";
}

uint64_t peak_rss_bytes() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace

std::string detect_format(const std::string& path, std::string_view head,
                          const std::string& format) {
  if (format != "auto") {
    if (format == "ipc" || format == "arrow" || format == "feather") return "ipc";
    if (format == "csv" || format == "tsv" || format == "ndjson") return format;
    if (format == "json" || format == "jsonl") return "ndjson";
    throw Error("--format: unknown format '" + format + "' (choose auto, ipc, csv, tsv or ndjson)");
  }
  const std::string ext = path == "-" ? "" : lower_extension(path);
  if (ext == ".arrow" || ext == ".arrows" || ext == ".feather" || ext == ".ipc") return "ipc";
  if (ext == ".csv") return "csv";
  if (ext == ".tsv" || ext == ".tab") return "tsv";
  if (ext == ".ndjson" || ext == ".jsonl" || ext == ".json") return "ndjson";
  if (looks_like_arrow_ipc(head)) return "ipc";
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte order mark
  while (i < head.size() &&
         (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
    ++i;
  if (i < head.size() && head[i] == '{') return "ndjson";
  return "csv";
}

ConvertSummary convert(const ConvertOptions& o, FILE* progress_out) {
  if (o.inputs.empty()) throw Error("convert: no input given");
  if (o.output.empty()) throw Error("convert: no output given");
  if (std::count(o.inputs.begin(), o.inputs.end(), "-") > 1) {
    throw Error("convert: standard input ('-') can be read only once");
  }
  const auto start = std::chrono::steady_clock::now();
  ConvertSummary s;
  PageStoreChoice store = make_page_store(o.write);
  s.page_store = store.description;
  ArrowWriterOptions writer_options = make_writer_options(o.write, store);

  ProgressState state;
  for (const std::string& in : o.inputs) {
    std::error_code ec;
    if (in != "-") state.input_total += std::filesystem::file_size(in, ec);
  }
  Progress progress(o.progress.c_str(), progress_out);

  std::unique_ptr<BatchReader> reader = open_input(o.inputs[0], o);
  const ArrowField first_schema = reader->schema();
  ArrowSchema schema;
  export_schema(first_schema, &schema);
  std::optional<ArrowWriter> writer;
  try {
    writer.emplace(ArrowWriter::open(o.output, &schema, writer_options));
  } catch (...) {
    schema.release(&schema);
    throw;
  }
  schema.release(&schema);

  uint64_t done_bytes = 0;  // input bytes of the inputs already finished
  for (size_t i = 0; i < o.inputs.size(); ++i) {
    if (i > 0) {
      reader = open_input(o.inputs[i], o);
      if (!same_schema(reader->schema(), first_schema)) {
        throw Error("input '" + o.inputs[i] + "' has the schema " + schema_text(reader->schema()) +
                    " but '" + o.inputs[0] + "' has " + schema_text(first_schema) +
                    "; every input of one conversion needs the same schema");
      }
    }
    ArrowArray batch;
    while (reader->next(&batch)) {
      state.rows += static_cast<uint64_t>(batch.length);
      writer->write(&batch);
      s.peak_writer_memory = std::max<uint64_t>(s.peak_writer_memory, writer->memory_size());
      state.input_bytes = done_bytes + reader->bytes_read();
      state.writer_memory = writer->memory_size();
      state.bytes_spilled = store.bytes_spilled();
      state.row_groups = writer->num_row_groups();
      progress.update(state);
    }
    done_bytes += reader->bytes_read();
  }
  FileMetaData md = writer->close();
  progress.finish();
  s.rows = state.rows;
  s.row_groups = md.row_groups.size();
  s.input_bytes = done_bytes;
  s.output_bytes = std::filesystem::file_size(o.output);
  s.bytes_spilled = store.bytes_spilled();
  s.peak_rss = peak_rss_bytes();
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return s;
}

int run_convert(const ConvertOptions& o, FILE* out, FILE* err) {
  ConvertSummary s;
  try {
    s = convert(o, err);
  } catch (const std::exception& e) {
    if (::isatty(::fileno(err))) std::fprintf(err, "\r\x1b[K");  // a progress line may be there
    std::fprintf(err, "spillway convert: error: %s\n", e.what());
    return 1;
  }
  const double mbps = s.seconds > 0 ? static_cast<double>(s.input_bytes) / 1e6 / s.seconds : 0;
  std::string text = fmt::format(
      "wrote {}\n"
      "  rows                {}\n"
      "  row groups          {}\n"
      "  output              {} ({})\n"
      "  input read          {} in {} file(s)\n"
      "  page store          {}\n"
      "  peak writer memory  {}\n"
      "  peak RSS (process)  {}\n"
      "  bytes spilled       {}\n"
      "  time                {:.2f} s ({:.1f} MB/s of input)\n",
      o.output, format_count(s.rows), s.row_groups, format_size(s.output_bytes),
      o.write.compression, format_size(s.input_bytes), o.inputs.size(), s.page_store,
      format_size(s.peak_writer_memory), format_size(s.peak_rss), format_size(s.bytes_spilled),
      s.seconds, mbps);
  std::fputs(text.c_str(), out);
  return 0;
}

}  // namespace spillway::cli
