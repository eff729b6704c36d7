#pragma once

// A deterministic table of nested columns for the write benchmark, shaped
// like an event log, held as plain buffers (arrow_data.h exports them).
//
//   id      int64 (not null)
//   ts      timestamp[us, UTC] (not null)
//   user    struct<name: utf8 not null, age: int32, tags: list<utf8>>
//   events  list<struct<kind: utf8 not null (12 values), value: float64,
//                       at: int64 not null, attrs: map<utf8, utf8>> not null>
//   scores  list<float64>
//
// Nullable unless marked: about 2% null users, 10% null ages, 5% null tag
// lists, 5% null and 10% empty event lists (else 1..8 events), 15% null event
// values, 20% null attrs maps (else 0..4 entries, 5% null values), 3% null
// score lists (else 0..8 scores, 2% null). Keys of one map are distinct.

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "arrow_data.h"

namespace spillway::bench {

inline std::vector<Field> nested_table_fields() {
  Field tags{"tags", "+l", true, {{"item", "u", true, {}}}};
  Field user{"user", "+s", true, {{"name", "u", false, {}}, {"age", "i", true, {}}, tags}};
  Field entries{"entries", "+s", false, {{"key", "u", false, {}}, {"value", "u", true, {}}}};
  Field event{"item",
              "+s",
              false,
              {{"kind", "u", false, {}},
               {"value", "g", true, {}},
               {"at", "l", false, {}},
               {"attrs", "+m", true, {entries}}}};
  return {{"id", "l", false, {}},
          {"ts", "tsu:UTC", false, {}},
          user,
          {"events", "+l", true, {event}},
          {"scores", "+l", true, {{"item", "g", true, {}}}}};
}

namespace detail {

// Short word lists; names and attribute values combine them so the columns
// have the mix of repeated and unique strings real logs have.
inline const char* pick(Rng& rng, const std::vector<const char*>& words) {
  return words[rng.below(words.size())];
}
inline const char* pick(Rng& rng, std::initializer_list<const char*> words) {
  return words.begin()[rng.below(words.size())];
}

inline const std::vector<const char*>& first_names() {
  static const std::vector<const char*> w = {
      "olivia", "liam",  "emma", "noah",  "ava",    "oliver", "mia",   "elijah", "sofia", "lucas",
      "amelia", "mateo", "yuki", "chen",  "fatima", "omar",   "priya", "arjun",  "ines",  "tomas",
      "zoe",    "kai",   "lena", "felix", "nora",   "hugo",   "maya",  "leo",    "ida",   "sami"};
  return w;
}

inline const std::vector<const char*>& last_names() {
  static const std::vector<const char*> w = {
      "smith",  "garcia", "kim",   "nguyen",   "muller", "rossi",  "silva",  "kowalski",
      "ivanov", "tanaka", "patel", "johansen", "dubois", "haddad", "okafor", "martin"};
  return w;
}

inline const std::vector<const char*>& tag_words() {
  static const std::vector<const char*> w = {
      "beta",  "vip",    "newsletter", "mobile", "churn-risk", "trial",   "enterprise", "student",
      "early", "legacy", "referral",   "eu",     "us",         "apac",    "annual",     "monthly",
      "promo", "staff",  "partner",    "test",   "verified",   "dormant", "power-user", "support"};
  return w;
}

// Event kinds, the first ones far more frequent (the smaller of two draws).
inline const std::vector<const char*>& event_kinds() {
  static const std::vector<const char*> w = {
      "page_view", "click",    "scroll", "search", "add_to_cart", "remove_from_cart",
      "checkout",  "purchase", "login",  "logout", "signup",      "share"};
  return w;
}

inline const std::vector<const char*>& attr_keys() {
  static const std::vector<const char*> w = {"device", "region",  "campaign", "session",
                                             "locale", "browser", "referrer", "experiment"};
  return w;
}

// A value for attribute key `k`: a few choices for some keys, many for others.
inline std::string attr_value(Rng& rng, size_t k) {
  static const char hex[] = "0123456789abcdef";
  switch (k) {
    case 0:
      return pick(rng, {"ios", "android", "web", "desktop", "tv"});
    case 1:
      return pick(rng, {"eu-west", "eu-central", "us-east", "us-west", "ap-south", "sa-east"});
    case 2:
      return "cmp-" + std::to_string(rng.below(500));
    case 3: {  // unique: 16 hex digits
      std::string s(16, '0');
      uint64_t bits = rng.next();
      for (char& c : s) {
        c = hex[bits & 15];
        bits >>= 4;
      }
      return s;
    }
    case 4:
      return pick(rng, {"en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "pt-BR", "es-ES"});
    case 5:
      return pick(rng, {"firefox", "chrome", "safari", "edge"});
    case 6: {  // one draw per statement: operands of + are unsequenced
      std::string s = "https://";
      s += pick(rng, {"news.example", "search.example", "mail.example", "social.example"});
      return s + "/p/" + std::to_string(rng.below(10'000));
    }
    default:
      return "variant-" + std::string(1, static_cast<char>('a' + rng.below(4)));
  }
}

}  // namespace detail

// Rows [first_row, first_row + length); the same arguments give the same data.
inline BatchData generate_nested_batch(int64_t first_row, int64_t length) {
  using detail::pick;
  // One generator per batch, seeded by its first row ("nested" in the top bytes).
  Rng rng((static_cast<uint64_t>(first_row) * 0x100000001b3ULL) ^ 0x6e65737465640000ULL);
  FixedBuilder<int64_t> id, ts;
  StructBuilder user;
  StringBuilder name;
  FixedBuilder<int32_t> age;
  ListBuilder tags;
  StringBuilder tag;
  ListBuilder events;
  StructBuilder event;
  StringBuilder kind;
  FixedBuilder<double> value;
  FixedBuilder<int64_t> at;
  ListBuilder attrs;
  StructBuilder entry;
  StringBuilder key, attr;
  ListBuilder scores;
  FixedBuilder<double> score;

  for (int64_t i = 0; i < length; ++i) {
    const int64_t row = first_row + i;
    const int64_t micros = 1'700'000'000'000'000LL + row * 250'000 + rng.below(250'000);
    id.append(row);
    ts.append(micros);

    // A null user still takes a slot in each child: null where allowed.
    const bool has_user = !rng.percent(2);
    user.append(has_user);
    if (has_user) {
      std::string s = pick(rng, detail::first_names());
      s += ".";
      s += pick(rng, detail::last_names());
      name.append(s + std::to_string(rng.below(100)));
    } else {
      name.append("");
    }
    if (has_user && !rng.percent(10)) {
      age.append(static_cast<int32_t>(18 + rng.below(63)));
    } else {
      age.append_null();
    }
    if (has_user && !rng.percent(5)) {
      for (uint64_t n = rng.below(5); n > 0; --n) tag.append(pick(rng, detail::tag_words()));
      tags.append(tag.length());
    } else {
      tags.append_null(tag.length());
    }

    if (rng.percent(5)) {
      events.append_null(event.length());
    } else {
      const uint64_t n = rng.percent(10) ? 0 : 1 + rng.below(8);
      int64_t millis = micros / 1000;
      for (uint64_t e = 0; e < n; ++e) {
        event.append(true);
        const auto& kinds = detail::event_kinds();
        kind.append(kinds[std::min(rng.below(kinds.size()), rng.below(kinds.size()))]);
        if (rng.percent(15)) {
          value.append_null();
        } else {
          value.append(static_cast<double>(rng.below(100'000)) / 100.0);
        }
        millis += static_cast<int64_t>(rng.below(5'000));
        at.append(millis);
        if (rng.percent(20)) {
          attrs.append_null(entry.length());
        } else {
          const size_t first_key = rng.below(detail::attr_keys().size());
          for (uint64_t k = rng.below(5); k > 0; --k) {
            const size_t key_index = (first_key + k) % detail::attr_keys().size();
            entry.append(true);
            key.append(detail::attr_keys()[key_index]);
            if (rng.percent(5)) {
              attr.append_null();
            } else {
              attr.append(detail::attr_value(rng, key_index));
            }
          }
          attrs.append(entry.length());
        }
      }
      events.append(event.length());
    }

    if (rng.percent(3)) {
      scores.append_null(score.length());
    } else {
      for (uint64_t n = rng.below(9); n > 0; --n) {
        if (rng.percent(2)) {
          score.append_null();
        } else {
          score.append(rng.unit());
        }
      }
      scores.append(score.length());
    }
  }

  BatchData batch;
  batch.length = length;
  batch.columns.push_back(id.finish());
  batch.columns.push_back(ts.finish());
  batch.columns.push_back(user.finish({name.finish(), age.finish(), tags.finish({tag.finish()})}));
  ArrayData entries = entry.finish({key.finish(), attr.finish()});
  batch.columns.push_back(events.finish({event.finish(
      {kind.finish(), value.finish(), at.finish(), attrs.finish({std::move(entries)})})}));
  batch.columns.push_back(scores.finish({score.finish()}));
  return batch;
}

}  // namespace spillway::bench
