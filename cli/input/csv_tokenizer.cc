#include "input/csv_tokenizer.h"

#include "input/value_errors.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

constexpr size_t kChunk = 256 * 1024;

std::string show_char(char c) {
  if (c == '\t') return "a tab";
  return quote_value(std::string_view(&c, 1));
}

}  // namespace

CsvTokenizer::CsvTokenizer(InputSource* input, const CsvDialect& dialect)
    : input_(input), d_(dialect), buf_(kChunk) {
  if (d_.escape && *d_.escape == d_.quote) d_.escape.reset();
  has_escape_ = d_.escape.has_value();
  auto bad = [](char c) { return c == '\n' || c == '\r'; };
  if (bad(d_.delimiter) || bad(d_.quote) || (has_escape_ && bad(*d_.escape))) {
    throw Error("CSV: the delimiter, quote and escape cannot be line breaks");
  }
  if (d_.delimiter == d_.quote) {
    throw Error("CSV: the delimiter and the quote are both " + show_char(d_.delimiter));
  }
  if (has_escape_ && *d_.escape == d_.delimiter) {
    throw Error("CSV: the delimiter and the escape are both " + show_char(d_.delimiter));
  }
  for (char c : {d_.delimiter, '\r', '\n'}) unquoted_special_[static_cast<uint8_t>(c)] = true;
  for (char c : {d_.quote, '\r', '\n'}) quoted_special_[static_cast<uint8_t>(c)] = true;
  if (has_escape_) quoted_special_[static_cast<uint8_t>(*d_.escape)] = true;
}

bool CsvTokenizer::fill() {
  base_ += end_;
  pos_ = 0;
  end_ = input_->read(buf_.data(), buf_.size());
  if (!started_) {
    started_ = true;
    if (end_ >= 3 && static_cast<uint8_t>(buf_[0]) == 0xEF &&
        static_cast<uint8_t>(buf_[1]) == 0xBB && static_cast<uint8_t>(buf_[2]) == 0xBF) {
      pos_ = 3;
    }
  }
  return pos_ < end_;
}

std::string CsvTokenizer::where(const CsvRecord& r) const {
  const size_t i = r.ends.size();
  std::string out = input_->name() + ": line " + std::to_string(r.line) + ", ";
  if (names_ && i < names_->size()) return out + "column '" + (*names_)[i] + "'";
  return out + "field " + std::to_string(i + 1);
}

void CsvTokenizer::append(const char* p, size_t n, const CsvRecord& r) {
  if (field_data_->size() + n > d_.max_record_bytes) {
    throw Error(where(r) + ": the record is larger than " + std::to_string(d_.max_record_bytes) +
                " bytes (is a quote left open?)");
  }
  field_data_->append(p, n);
}

void CsvTokenizer::count_quoted_break(char c, bool* prev_cr) {
  // CRLF is one line break, CR or LF alone one each.
  if (c == '\r' || !*prev_cr) ++line_;
  *prev_cr = c == '\r';
}

bool CsvTokenizer::next(CsvRecord* r) {
  r->clear();
  field_data_ = &r->data;
  // Blank lines, and the LF of a CRLF that ended the previous record.
  for (;;) {
    if (pos_ == end_ && !fill()) {
      last_end_ = bytes_consumed();
      return false;
    }
    const char c = buf_[pos_];
    if (c == '\n') {
      ++pos_;
      if (!pending_cr_) ++line_;
      pending_cr_ = false;
      continue;
    }
    pending_cr_ = false;
    if (c == '\r') {
      ++pos_;
      ++line_;
      pending_cr_ = true;
      continue;
    }
    break;
  }
  r->line = line_;
  auto end_field = [&](bool quoted) {
    r->ends.push_back(r->data.size());
    r->quoted.push_back(quoted ? 1 : 0);
  };
  auto end_record = [&](char terminator) {
    if (terminator != 0) {
      ++line_;
      pending_cr_ = terminator == '\r';
    }
    r->bytes = bytes_consumed() - last_end_;
    last_end_ = bytes_consumed();
    return true;
  };
  for (;;) {  // one field per iteration
    if (pos_ == end_ && !fill()) {
      end_field(false);  // "a," at the end of the input: a last, empty field
      return end_record(0);
    }
    if (buf_[pos_] != d_.quote) {
      // Unquoted: up to the delimiter or the line end. A quote inside is
      // kept as it is.
      bool field_done = false;
      while (!field_done) {
        if (pos_ == end_ && !fill()) {
          end_field(false);
          return end_record(0);
        }
        const char* p = buf_.data() + pos_;
        const char* e = buf_.data() + end_;
        const char* q = p;
        while (q < e && !unquoted_special_[static_cast<uint8_t>(*q)]) ++q;
        append(p, static_cast<size_t>(q - p), *r);
        pos_ += static_cast<size_t>(q - p);
        if (q == e) continue;
        const char c = *q;
        ++pos_;
        end_field(false);
        if (c != d_.delimiter) return end_record(c);
        field_done = true;
      }
      continue;
    }
    // Quoted.
    ++pos_;
    const uint64_t opened = line_;
    bool prev_cr = false;
    for (;;) {
      if (pos_ == end_ && !fill()) {
        throw Error(where(*r) + ": the quoted field opened on line " + std::to_string(opened) +
                    " is not closed at the end of the input");
      }
      const char* p = buf_.data() + pos_;
      const char* e = buf_.data() + end_;
      const char* q = p;
      while (q < e && !quoted_special_[static_cast<uint8_t>(*q)]) ++q;
      if (q != p) {
        append(p, static_cast<size_t>(q - p), *r);
        prev_cr = false;
      }
      pos_ += static_cast<size_t>(q - p);
      if (q == e) continue;
      const char c = *q;
      ++pos_;
      if (c == '\n' || c == '\r') {
        append(&c, 1, *r);
        count_quoted_break(c, &prev_cr);
        continue;
      }
      if (c != d_.quote) {  // the escape: the next byte is taken as it is
        if (pos_ == end_ && !fill()) {
          throw Error(where(*r) + ": the quoted field opened on line " + std::to_string(opened) +
                      " is not closed at the end of the input (it ends in the escape)");
        }
        const char x = buf_[pos_++];
        append(&x, 1, *r);
        if (x == '\n' || x == '\r') {
          count_quoted_break(x, &prev_cr);
        } else {
          prev_cr = false;
        }
        continue;
      }
      prev_cr = false;
      // A quote: doubled, or the end of the field.
      if (pos_ == end_ && !fill()) {
        end_field(true);
        return end_record(0);
      }
      const char after = buf_[pos_];
      if (after == d_.quote) {
        append(&after, 1, *r);
        ++pos_;
        continue;
      }
      if (after == d_.delimiter) {
        ++pos_;
        end_field(true);
        break;
      }
      if (after == '\n' || after == '\r') {
        ++pos_;
        end_field(true);
        return end_record(after);
      }
      throw Error(where(*r) + ": " + show_char(after) +
                  " after the closing quote (a quote inside a quoted field must be doubled)");
    }
  }
}

}  // namespace spillway::cli
