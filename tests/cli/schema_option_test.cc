#include "input/schema_option.h"

#include <gtest/gtest.h>

#include "reader_test_util.h"

namespace spillway::cli {
namespace {

using test::error_of;

std::string formats(std::string_view text) {
  std::string out;
  for (const auto& [name, field] : parse_schema_option(text)) {
    out += (out.empty() ? "" : " ") + name + "=" + field.format;
  }
  return out;
}

TEST(SchemaOption, EveryTypeName) {
  EXPECT_EQ(formats("a:bool,b:boolean,c:int8,d:int16,e:int32,f:int64"), "a=b b=b c=c d=s e=i f=l");
  EXPECT_EQ(formats("a:uint8,b:uint16,c:uint32,d:uint64,e:float32,f:float,g:float64,h:double"),
            "a=C b=S c=I d=L e=f f=f g=g h=g");
  EXPECT_EQ(formats("a:utf8,b:string,c:large_utf8,d:large_string,e:binary,f:date32,g:date"),
            "a=u b=u c=U d=U e=z f=tdD g=tdD");
  EXPECT_EQ(formats("a:time32[s],b:time32[ms],c:time64[us],d:time64[ns],e:time"),
            "a=tts b=ttm c=ttu d=ttn e=ttu");
  EXPECT_EQ(formats("a:timestamp[s],b:timestamp[ms],c:timestamp[us],d:timestamp[ns],e:timestamp"),
            "a=tss: b=tsm: c=tsu: d=tsn: e=tsu:");
  EXPECT_EQ(formats("a:timestamp[us, tz=UTC],b:TIMESTAMP[NS,TZ=Europe/Paris],c:timestamp[s, "
                    "tz=+01:00]"),
            "a=tsu:UTC b=tsn:Europe/Paris c=tss:+01:00");
  EXPECT_EQ(formats("a:decimal(10,2),b:decimal128( 38 , 0 ),c:DECIMAL(1,1)"),
            "a=d:10,2 b=d:38,0 c=d:1,1");
}

TEST(SchemaOption, NamesSpacesAndQuoting) {
  const auto parsed = parse_schema_option(" a b : int32 ,\"x,y:z\":utf8, \"q\"\"uote\" :bool ");
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0].first, "a b");
  EXPECT_EQ(parsed[0].second.id, ArrowTypeId::INT32);
  EXPECT_EQ(parsed[1].first, "x,y:z");
  EXPECT_EQ(parsed[2].first, "q\"uote");
  EXPECT_TRUE(parse_schema_option("").empty());
  EXPECT_TRUE(parse_schema_option("   ").empty());
  EXPECT_EQ(schema_column_token("plain name"), "plain name");
  EXPECT_EQ(schema_column_token("a,b"), "\"a,b\"");
  EXPECT_EQ(schema_column_token("q\"x"), "\"q\"\"x\"");
  EXPECT_EQ(schema_column_token(" pad"), "\" pad\"");
  EXPECT_EQ(schema_column_token(""), "\"\"");
  // The token reads back as the same name.
  for (std::string name : {"a,b", "q\"x", " pad", "c:d"}) {
    const auto back = parse_schema_option(schema_column_token(name) + ":int8");
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].first, name);
  }
}

TEST(SchemaOption, TypeNameRoundTrips) {
  for (std::string t : {"bool",
                        "int8",
                        "int16",
                        "int32",
                        "int64",
                        "uint8",
                        "uint16",
                        "uint32",
                        "uint64",
                        "float32",
                        "float64",
                        "utf8",
                        "large_utf8",
                        "binary",
                        "date32",
                        "time32[s]",
                        "time32[ms]",
                        "time64[us]",
                        "time64[ns]",
                        "timestamp[s]",
                        "timestamp[ns]",
                        "timestamp[us, tz=UTC]",
                        "timestamp[ms, tz=Asia/Tokyo]",
                        "decimal128(12,3)"}) {
    EXPECT_EQ(type_name(parse_type_name(t)), t);
  }
}

TEST(SchemaOption, Errors) {
  EXPECT_EQ(error_of([] { parse_schema_option("a:int"); }),
            "--schema: unknown type 'int'; known types: bool, int8, int16, int32, int64, uint8, "
            "uint16, uint32, uint64, float32, float64, utf8, large_utf8, binary, date32, "
            "time32[s|ms], time64[us|ns], timestamp[s|ms|us|ns], timestamp[us, tz=UTC], "
            "decimal(p,s), list<type>, large_list<type>, struct<name:type,...> (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a"); }), "--schema: expected name:type, found 'a'");
  EXPECT_EQ(error_of([] { parse_schema_option("a,b:int8"); }),
            "--schema: expected name:type, found 'a'");
  EXPECT_EQ(error_of([] { parse_schema_option("a:int8,"); }),
            "--schema: expected name:type after the last ',' in 'a:int8,'");
  EXPECT_EQ(error_of([] { parse_schema_option(":int8"); }),
            "--schema: a column name is empty before ':'");
  EXPECT_EQ(error_of([] { parse_schema_option("a:"); }), "--schema: no type after 'a:'");
  EXPECT_EQ(error_of([] { parse_schema_option("a:int8,a:int16"); }),
            "--schema: column 'a' is listed twice");
  EXPECT_EQ(error_of([] { parse_schema_option("\"a:int8"); }),
            "--schema: unterminated quoted column name in '\"a:int8'");
  EXPECT_EQ(error_of([] { parse_schema_option("\"a\" int8"); }),
            "--schema: expected ':' after the column name \"a\"");
  EXPECT_EQ(error_of([] { parse_schema_option("a:decimal(39,2)"); }),
            "--schema: unknown type 'decimal(39,2)'; decimal precision must be 1 to 38 (for "
            "column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:decimal(5,6)"); }),
            "--schema: unknown type 'decimal(5,6)'; decimal scale must be 0 to the precision "
            "(for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:decimal(x,1)"); }),
            "--schema: unknown type 'decimal(x,1)'; expected decimal(precision, scale) with "
            "integers (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:decimal(5)"); }),
            "--schema: unknown type 'decimal(5)'; write decimal(precision, scale) (for column "
            "'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:timestamp[h]"); }),
            "--schema: unknown type 'timestamp[h]'; the unit must be s, ms, us or ns (for column "
            "'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:timestamp[us, UTC]"); }),
            "--schema: unknown type 'timestamp[us, UTC]'; write the time zone as "
            "timestamp[us, tz=UTC] (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:time32[us]"); }),
            "--schema: unknown type 'time32[us]'; time32 takes s or ms, time64 takes us or ns "
            "(for column 'a')");
}

TEST(SchemaOption, NestedTypes) {
  const auto parsed = parse_schema_option(
      "tags:list<utf8>, attrs:struct<a:int64,b:utf8>,Deep:LIST<Struct<\"x,<y>\":large_list<"
      "timestamp[us, tz=UTC]>, Cap:decimal(5,2)>>,n:int8");
  ASSERT_EQ(parsed.size(), 4u);
  EXPECT_EQ(parsed[0].first, "tags");
  const ArrowField& tags = parsed[0].second;
  EXPECT_EQ(tags.format, "+l");
  ASSERT_EQ(tags.children.size(), 1u);
  EXPECT_EQ(tags.children[0].name, "item");
  EXPECT_EQ(tags.children[0].format, "u");
  EXPECT_TRUE(tags.children[0].nullable);
  const ArrowField& attrs = parsed[1].second;
  EXPECT_EQ(attrs.format, "+s");
  ASSERT_EQ(attrs.children.size(), 2u);
  EXPECT_EQ(attrs.children[0].name, "a");
  EXPECT_EQ(attrs.children[0].format, "l");
  EXPECT_EQ(attrs.children[1].name, "b");
  EXPECT_EQ(attrs.children[1].format, "u");
  // Field names keep their case and may be quoted; type names do not care.
  const ArrowField& deep = parsed[2].second;
  EXPECT_EQ(parsed[2].first, "Deep");
  EXPECT_EQ(deep.format, "+l");
  const ArrowField& inner = deep.children[0];
  EXPECT_EQ(inner.format, "+s");
  EXPECT_EQ(inner.children[0].name, "x,<y>");
  EXPECT_EQ(inner.children[0].format, "+L");
  EXPECT_EQ(inner.children[0].children[0].format, "tsu:UTC");
  EXPECT_EQ(inner.children[1].name, "Cap");
  EXPECT_EQ(inner.children[1].format, "d:5,2");
  EXPECT_EQ(type_name(deep),
            "list<struct<\"x,<y>\":large_list<timestamp[us, tz=UTC]>,Cap:decimal128(5,2)>>");
  EXPECT_EQ(parsed[3].second.format, "c");
}

TEST(SchemaOption, NestedTypeNamesRoundTrip) {
  for (std::string t :
       {"list<int64>", "large_list<utf8>", "list<list<list<bool>>>", "struct<a:int64>",
        "struct<a:int64,b:list<struct<c:bool,d:timestamp[ns]>>>", "struct<\"x:y\":utf8>",
        "struct<\"q\"\"\":list<decimal128(9,0)>,\" s\":date32>"}) {
    EXPECT_EQ(type_name(parse_type_name(t)), t);
  }
  // A name type_name quotes reads back as the same name.
  const ArrowField f = parse_type_name("struct<\"a>b\":int8,\"(c)\":int16>");
  EXPECT_EQ(f.children[0].name, "a>b");
  EXPECT_EQ(f.children[1].name, "(c)");
  EXPECT_EQ(type_name(parse_type_name(type_name(f))), type_name(f));
}

TEST(SchemaOption, NestedTypeErrors) {
  EXPECT_EQ(error_of([] { parse_schema_option("a:list<>"); }),
            "--schema: unknown type 'list<>'; write list<item type>, e.g. list<int64> (for column "
            "'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:struct<>"); }),
            "--schema: unknown type 'struct<>'; a struct needs at least one field: "
            "struct<name:type,...> (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:struct<x:int8,x:int16>"); }),
            "--schema: field 'x' is listed twice (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:struct<x>"); }),
            "--schema: expected name:type, found 'x' (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:struct<:int8>"); }),
            "--schema: a field name is empty before ':' (for column 'a')");
  EXPECT_EQ(error_of([] { parse_schema_option("a:list<struct<b:list<int>>>"); }),
            "--schema: unknown type 'int'; known types: bool, int8, int16, int32, int64, uint8, "
            "uint16, uint32, uint64, float32, float64, utf8, large_utf8, binary, date32, "
            "time32[s|ms], time64[us|ns], timestamp[s|ms|us|ns], timestamp[us, tz=UTC], "
            "decimal(p,s), list<type>, large_list<type>, struct<name:type,...> (for field 'b') "
            "(for column 'a')");
  const std::string unclosed = error_of([] { parse_schema_option("a:list<int8,b:int8"); });
  EXPECT_EQ(unclosed.rfind("--schema: unknown type 'list<int8,b:int8'; known types: ", 0), 0u)
      << unclosed;
  std::string deep = "int8";
  for (int i = 0; i < 101; ++i) deep = "list<" + deep + ">";
  const std::string too_deep = error_of([&] { parse_type_name(deep); });
  EXPECT_TRUE(too_deep.ends_with("; types nest too deeply")) << too_deep;
}

TEST(SchemaOption, ApplyOverrides) {
  std::vector<ArrowField> columns(3);
  columns[0].name = "a";
  columns[1].name = "b";
  columns[2].name = "c";
  for (auto& c : columns)
    c = [&] {
      ArrowField f = parse_type_name("utf8");
      f.name = c.name;
      return f;
    }();
  const auto overridden =
      apply_schema_overrides(parse_schema_option("c:int8,a:date"), columns, "x.csv");
  EXPECT_EQ(overridden, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(columns[0].name, "a");
  EXPECT_EQ(columns[0].format, "tdD");
  EXPECT_EQ(columns[1].format, "u");
  EXPECT_EQ(columns[2].format, "c");
  EXPECT_EQ(
      error_of([&] { apply_schema_overrides(parse_schema_option("zz:int8"), columns, "x.csv"); }),
      "--schema names column 'zz', but x.csv has no such column (columns: a, b, c)");
}

}  // namespace
}  // namespace spillway::cli
