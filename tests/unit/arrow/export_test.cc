#include "arrow/export.h"

#include <gtest/gtest.h>

#include <cstring>

namespace spillway {
namespace {

TEST(ExportTest, SchemaRoundTripsThroughImport) {
  ArrowField root;
  root.id = ArrowTypeId::STRUCT;
  root.nullable = false;
  ArrowField ts;
  ts.name = "ts";
  ts.id = ArrowTypeId::TIMESTAMP;
  ts.unit = ArrowTimeUnit::MICRO;
  ts.timezone = "UTC";
  ts.has_timezone = true;
  ts.metadata = {{"k", std::string("v\0w", 3)}};
  ArrowField dict;
  dict.name = "d";
  dict.id = ArrowTypeId::INT16;
  dict.dictionary = std::make_shared<ArrowField>();
  dict.dictionary->id = ArrowTypeId::STRING;
  dict.dictionary_ordered = true;
  root.children = {ts, dict};

  ArrowSchema s;
  export_schema(root, &s);
  ArrowField back = import_schema(&s);
  ASSERT_EQ(back.children.size(), 2u);
  EXPECT_EQ(back.format, "+s");
  EXPECT_FALSE(back.nullable);
  EXPECT_EQ(back.children[0].name, "ts");
  EXPECT_EQ(back.children[0].format, "tsu:UTC");
  EXPECT_EQ(back.children[0].metadata, ts.metadata);
  EXPECT_EQ(back.children[1].format, "s");
  ASSERT_TRUE(back.children[1].dictionary);
  EXPECT_EQ(back.children[1].dictionary->format, "u");
  EXPECT_TRUE(back.children[1].dictionary_ordered);
  s.release(&s);
  EXPECT_EQ(s.release, nullptr);
}

TEST(ExportTest, ArrayKeepsItsOwnersAliveUntilReleased) {
  auto values = std::make_shared<std::vector<int32_t>>(std::vector<int32_t>{1, 2, 3});
  auto validity = std::make_shared<std::vector<uint8_t>>(std::vector<uint8_t>{0b101});
  auto column = std::make_shared<ExportedArray>();
  column->length = 3;
  column->null_count = 1;
  column->buffers = {validity->data(), values->data()};
  column->owners = {validity, values};
  auto batch = std::make_shared<ExportedArray>();
  batch->length = 3;
  batch->buffers = {nullptr};
  batch->children = {column};
  std::weak_ptr<std::vector<int32_t>> watch = values;
  values.reset();
  validity.reset();
  column.reset();

  ArrowArray a;
  export_array(std::move(batch), &a);
  ASSERT_EQ(a.n_children, 1);
  EXPECT_EQ(a.children[0]->null_count, 1);
  EXPECT_EQ(static_cast<const int32_t*>(a.children[0]->buffers[1])[2], 3);
  EXPECT_FALSE(watch.expired());
  a.release(&a);
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace spillway
