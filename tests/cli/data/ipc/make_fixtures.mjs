// Writes the Arrow IPC fixtures of tests/cli/ipc_reader_test.cc with two
// independent writers, apache-arrow (JS) and Polars (Rust, via nodejs-polars),
// and next to each fixture NAME the values it holds, NAME.expected, as read
// back by apache-arrow's own IPC reader:
//
//   field <TAB> name <TAB> type         one line per column, in order
//   batch <TAB> rows                    starts each record batch
//   <column> <TAB> <row> <TAB> value    one line per value
//
// (The compressed Polars fixtures hold the values of their uncompressed twin,
// polars.arrow(s).expected.)
//
// `type` is the C Data Interface format string, "/value type" after a
// dictionary's index type, and "{children}" for nested types. `value` is
// null, true/false, decimal for integers (and dates, times, timestamps,
// durations), lowercase hex of the little-endian bytes for floats, decimals,
// intervals and fixed-size binary, "x" + hex for strings and binaries, {a,b}
// for structs, [a,b] for lists and maps, "code:value" for unions, and the
// value a dictionary index points at.
//
// Run from anywhere: node tests/cli/data/ipc/make_fixtures.mjs
// (packages come from tests/interop/node_modules).

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const interop = join(here, '..', '..', '..', 'interop');
const require = createRequire(join(interop, 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const A = await load('apache-arrow');
const pl = (await load('nodejs-polars')).default;
const fzstd = await load('fzstd');

// apache-arrow reads ZSTD bodies through a registered codec (it has none of
// its own); used only to check Polars' ZSTD files read the same.
A.compressionRegistry.set(A.CompressionType.ZSTD, {
  encode: null,
  decode: (bytes) => fzstd.decompress(bytes),
});

// ---------------------------------------------------------------- values

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const te = new TextEncoder();

function format(type) {
  const T = A.Type;
  const unit = (u) => 'smun'[u];
  switch (type.typeId) {
    case T.Null: return 'n';
    case T.Bool: return 'b';
    case T.Int: return { 8: 'c', 16: 's', 32: 'i', 64: 'l' }[type.bitWidth][type.isSigned ? 'toString' : 'toUpperCase']();
    case T.Float: return ['e', 'f', 'g'][type.precision];
    case T.Utf8: return 'u';
    case T.LargeUtf8: return 'U';
    case T.Utf8View: return 'vu';
    case T.Binary: return 'z';
    case T.LargeBinary: return 'Z';
    case T.BinaryView: return 'vz';
    case T.FixedSizeBinary: return `w:${type.byteWidth}`;
    case T.Decimal: return `d:${type.precision},${type.scale}` + (type.bitWidth === 128 ? '' : `,${type.bitWidth}`);
    case T.Date: return type.unit === A.DateUnit.DAY ? 'tdD' : 'tdm';
    case T.Time: return `tt${unit(type.unit)}`;
    case T.Timestamp: return `ts${unit(type.unit)}:${type.timezone ?? ''}`;
    case T.Duration: return `tD${unit(type.unit)}`;
    case T.Interval: return ['tiM', 'tiD', 'tin'][type.unit];
    case T.Struct: return '+s';
    case T.List: return '+l';
    case T.LargeList: return '+L';
    case T.FixedSizeList: return `+w:${type.listSize}`;
    case T.Map: return '+m';
    case T.Union: return (type.mode === A.UnionMode.Sparse ? '+us:' : '+ud:') + [...type.typeIds].join(',');
    case T.Dictionary: return format(type.indices);
  }
  throw new Error(`no format for ${type}`);
}

function typeString(type) {
  let s = format(type);
  if (type.typeId === A.Type.Dictionary) s += '/' + typeString(type.dictionary);
  if (type.children?.length) s += '{' + type.children.map((c) => typeString(c.type)).join(',') + '}';
  return s;
}

// Little-endian integer of `width` bytes at `bytes[at]`.
function int(bytes, at, width, signed) {
  let v = 0n;
  for (let k = width - 1; k >= 0; --k) v = (v << 8n) | BigInt(bytes[at + k]);
  if (signed && v >= 1n << BigInt(8 * width - 1)) v -= 1n << BigInt(8 * width);
  return v.toString();
}

function rawBytes(values) {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function valueAt(vector, i) {
  for (const d of vector.data) {
    if (i < d.length) return repr(d, i);
    i -= d.length;
  }
  throw new Error('dictionary index out of range');
}

// The value at row `i` of Data `d`, rendered as described above.
function repr(d, i) {
  const T = A.Type;
  const type = d.type;
  if (type.typeId === T.Union) {
    const code = d.typeIds[d.offset + i];
    const k = type.typeIdToChildIndex[code];
    const j = type.mode === A.UnionMode.Dense ? d.valueOffsets[d.offset + i] : d.offset + i;
    return `${code}:${repr(d.children[k], j)}`;
  }
  if (type.typeId === T.Null || !d.getValid(i)) return 'null';
  const at = d.offset + i;
  switch (type.typeId) {
    case T.Bool: return (d.values[at >> 3] >> (at & 7)) & 1 ? 'true' : 'false';
    case T.Int: case T.Date: case T.Time: case T.Timestamp: case T.Duration: {
      const width = rawBytes(d.values).length / d.values.length * d.stride;
      const bits = type.typeId === T.Int ? type.bitWidth / 8 : width;
      return int(rawBytes(d.values), at * bits, bits, type.typeId !== T.Int || type.isSigned);
    }
    case T.Float: case T.Decimal: case T.Interval: case T.FixedSizeBinary: {
      const width = rawBytes(d.values).length / d.values.length * d.stride;
      return hex(rawBytes(d.values).subarray(at * width, (at + 1) * width));
    }
    case T.Utf8: case T.LargeUtf8: case T.Binary: case T.LargeBinary: {
      const o = d.valueOffsets;
      return 'x' + hex(d.values.subarray(Number(o[at]), Number(o[at + 1])));
    }
    case T.Utf8View: case T.BinaryView: {
      const view = new DataView(d.values.buffer, d.values.byteOffset + at * 16, 16);
      const length = view.getInt32(0, true);
      if (length <= 12) return 'x' + hex(d.values.subarray(at * 16 + 4, at * 16 + 4 + length));
      const buffer = view.getInt32(8, true);
      const offset = view.getInt32(12, true);
      return 'x' + hex(d.variadicBuffers[buffer].subarray(offset, offset + length));
    }
    case T.Struct: return '{' + d.children.map((c) => repr(c, at)).join(',') + '}';
    case T.List: case T.LargeList: case T.Map: {
      const o = d.valueOffsets;
      const items = [];
      for (let k = Number(o[at]); k < Number(o[at + 1]); ++k) items.push(repr(d.children[0], k));
      return '[' + items.join(',') + ']';
    }
    case T.FixedSizeList: {
      const n = type.listSize;
      const items = [];
      for (let k = at * n; k < (at + 1) * n; ++k) items.push(repr(d.children[0], k));
      return '[' + items.join(',') + ']';
    }
    case T.Dictionary: return valueAt(d.dictionary, Number(d.values[at]));
  }
  throw new Error(`no repr for ${type}`);
}

// What apache-arrow reads back from `bytes`, in the .expected format.
function expected(bytes) {
  const reader = A.RecordBatchReader.from(bytes);
  const lines = [];
  let first = true;
  for (const batch of reader) {
    if (first) {
      for (const f of batch.schema.fields) lines.push(`field\t${f.name}\t${typeString(f.type)}`);
      first = false;
    }
    lines.push(`batch\t${batch.numRows}`);
    batch.schema.fields.forEach((f, c) => {
      const d = batch.data.children[c];
      for (let r = 0; r < batch.numRows; ++r) lines.push(`${c}\t${r}\t${repr(d, r)}`);
    });
  }
  return lines.join('\n') + '\n';
}

// Writes fixture `name` and, unless it shares another's (null), its values.
function write(name, bytes, expectation = expected(bytes)) {
  writeFileSync(join(here, name), bytes);
  if (expectation !== null) writeFileSync(join(here, name + '.expected'), expectation);
  console.log(`${name}: ${bytes.length} bytes`);
}

// ---------------------------------------------------------------- apache-arrow

// Deterministic values: row r of column c, null where (r + c) % 4 == 1.
const isNull = (r, c) => (r + c) % 4 === 1;
// A decimal of `n` 32-bit words and at most `digits` digits, negative for odd seeds.
const decimal = (n, digits, seed) => {
  const limit = 10n ** BigInt(digits);
  let v = (BigInt(seed + 1) * 7919n ** BigInt(digits)) % limit;
  if (seed % 2) v = -v;
  v = BigInt.asUintN(32 * n, v);
  return Uint32Array.from({ length: n }, (_, k) => Number((v >> BigInt(32 * k)) & 0xffffffffn));
};
const text = (r, c) => (r % 3 === 0 ? `row ${r} col ${c}: a value longer than twelve bytes` : `r${r}c${c}`);

const flatColumns = [
  ['null', new A.Null(), () => null],
  ['bool', new A.Bool(), (r) => r % 3 === 0],
  ['int8', new A.Int8(), (r) => (r * 37) % 256 - 128],
  ['int16', new A.Int16(), (r) => r * 1000 - 32768],
  ['int32', new A.Int32(), (r) => r * 100000 - 2147483648 + 7],
  ['int64', new A.Int64(), (r) => BigInt(r) * 1234567890123n - 9223372036854775808n + 5n],
  ['uint8', new A.Uint8(), (r) => 255 - r],
  ['uint16', new A.Uint16(), (r) => 65535 - r * 3],
  ['uint32', new A.Uint32(), (r) => 4294967295 - r * 11],
  ['uint64', new A.Uint64(), (r) => 18446744073709551615n - BigInt(r) * 13n],
  ['float16', new A.Float16(), (r) => r * 0.5 - 1.25],
  ['float32', new A.Float32(), (r) => r * 1.1 - 3.3],
  ['float64', new A.Float64(), (r) => Math.PI * r - 1e300 * (r % 2)],
  ['utf8', new A.Utf8(), (r, c) => text(r, c) + ' ü€'],
  ['large_utf8', new A.LargeUtf8(), text],
  ['binary', new A.Binary(), (r) => Uint8Array.from({ length: r % 5 }, (_, k) => (r * 31 + k) & 255)],
  ['large_binary', new A.LargeBinary(), (r) => Uint8Array.from({ length: (r * 7) % 19 }, (_, k) => (r + k * 3) & 255)],
  ['fixed_size_binary', new A.FixedSizeBinary(3), (r) => Uint8Array.of(r, 255 - r, r * 2)],
  ['utf8_view', new A.Utf8View(), text],
  ['binary_view', new A.BinaryView(), (r, c) => te.encode(text(r, c + 1))],
  ['decimal32', new A.Decimal(2, 9, 32), (r) => decimal(1, 9, r)],
  ['decimal64', new A.Decimal(3, 18, 64), (r) => decimal(2, 18, r)],
  ['decimal128', new A.Decimal(4, 38, 128), (r) => decimal(4, 38, r)],
  ['decimal256', new A.Decimal(5, 76, 256), (r) => decimal(8, 76, r)],
  ['date32', new A.DateDay(), (r) => new Date(Date.UTC(1969, 11, 20 + r * 3))],
  ['date64', new A.DateMillisecond(), (r) => new Date(Date.UTC(2024, 1, 28, r, r * 7))],
  ['time32_s', new A.TimeSecond(), (r) => r * 3599],
  ['time32_ms', new A.TimeMillisecond(), (r) => r * 3599999],
  ['time64_us', new A.TimeMicrosecond(), (r) => BigInt(r) * 3599999999n],
  ['time64_ns', new A.TimeNanosecond(), (r) => BigInt(r) * 3599999999999n],
  ['timestamp_s', new A.TimestampSecond(), (r) => r * 86400000 - 1000],
  ['timestamp_ms_utc', new A.TimestampMillisecond('UTC'), (r) => 1700000000000 + r * 1001],
  ['timestamp_us_tz', new A.TimestampMicrosecond('America/New_York'), (r) => 1700000000000 + r],
  ['timestamp_ns', new A.TimestampNanosecond('+05:30'), (r) => 1700000000000 - r * 3],
  ['duration_s', new A.DurationSecond(), (r) => BigInt(r) * -86400n],
  ['duration_ms', new A.DurationMillisecond(), (r) => BigInt(r) * 1001n],
  ['duration_us', new A.DurationMicrosecond(), (r) => BigInt(r) * 1000001n],
  ['duration_ns', new A.DurationNanosecond(), (r) => BigInt(r) * -999999999999n],
  ['interval_year_month', new A.IntervalYearMonth(), (r) => Int32Array.of(r - 5)],
  ['interval_day_time', new A.IntervalDayTime(), (r) => Int32Array.of(r * 3, -r * 1000)],
  ['interval_month_day_nano', new A.IntervalMonthDayNano(), (r) => Int32Array.of(r, -r, r * 1000, 0)],
];

function vectorOf(type, n, gen, c) {
  const values = Array.from({ length: n }, (_, r) => (isNull(r, c) ? null : gen(r, c)));
  return A.vectorFromArray(values, type);
}

function batchOf(schema, datas) {
  const length = datas.length ? datas[0].length : 0;
  return new A.RecordBatch(schema, A.makeData({
    type: new A.Struct(schema.fields), length, nullCount: 0, children: datas,
  }));
}

function flatBatches() {
  const fields = flatColumns.map(([name, type], c) => new A.Field(name, type, true,
    c === 3 ? new Map([['unit', 'count'], ['note', 'field metadata']]) : null));
  const schema = new A.Schema(fields, new Map([['origin', 'make_fixtures.mjs'], ['writer', 'apache-arrow']]));
  // Batch 1: 6 rows; batch 2: rows 3..12 of a 13-row vector (a slice);
  // batch 3: no rows.
  const first = flatColumns.map(([, type, gen], c) => vectorOf(type, 6, gen, c).data[0]);
  // (apache-arrow 21 writes a sliced view array with too short a views
  // buffer, so the view columns are built from the same rows unsliced.)
  const isView = (type) => type.typeId === A.Type.Utf8View || type.typeId === A.Type.BinaryView;
  const sliced = flatColumns.map(([, type, gen], c) => (isView(type)
    ? vectorOf(type, 10, (r, cc) => gen(r + 3, cc), c + 3)
    : vectorOf(type, 13, gen, c).slice(3, 13)).data[0]);
  const empty = flatColumns.map(([, type, gen], c) => vectorOf(type, 0, gen, c).data[0]);
  return [schema, [batchOf(schema, first), batchOf(schema, sliced), batchOf(schema, empty)]];
}

function nestedBatches() {
  const int32 = new A.Field('a', new A.Int32(), true);
  const str = new A.Field('b', new A.Utf8(), true);
  const structType = new A.Struct([int32, str]);
  const listType = new A.List(new A.Field('item', new A.Int16(), true));
  const largeListType = new A.LargeList(new A.Field('item', new A.Utf8(), true));
  const fslType = new A.FixedSizeList(2, new A.Field('item', new A.Float32(), true));
  const mapType = new A.Map_(new A.Field('entries', new A.Struct([
    new A.Field('key', new A.Utf8(), false), new A.Field('value', new A.Int32(), true)]), false));
  const listOfStruct = new A.List(new A.Field('item', structType, true));
  const structOfList = new A.Struct([new A.Field('xs', listType, true), new A.Field('s', structType, true)]);
  const sparse = new A.SparseUnion([0, 5], [new A.Field('i', new A.Int32(), true), new A.Field('s', new A.Utf8(), true)]);
  const dense = new A.DenseUnion([3, 1], [new A.Field('f', new A.Float64(), true), new A.Field('b', new A.Bool(), true)]);
  const columns = [
    ['struct', structType, (r) => ({ a: r * 3, b: `s${r}` })],
    ['list', listType, (r) => Array.from({ length: r % 4 }, (_, k) => r * 10 + k)],
    ['large_list', largeListType, (r) => Array.from({ length: r % 3 }, (_, k) => (k === 1 ? null : `v${r}.${k}`))],
    ['fixed_size_list', fslType, (r) => [r + 0.5, r === 2 ? null : -r]],
    ['map', mapType, (r) => new Map(Array.from({ length: r % 3 }, (_, k) => [`k${k}`, r * k]))],
    ['list_of_struct', listOfStruct, (r) => Array.from({ length: r % 3 }, (_, k) => ({ a: k, b: k % 2 ? null : `e${r}` }))],
    ['struct_of_list', structOfList, (r) => ({ xs: [r, r + 1], s: { a: -r, b: null } })],
  ];
  const fields = columns.map(([name, type]) => new A.Field(name, type, true));
  fields.push(new A.Field('sparse_union', sparse, true), new A.Field('dense_union', dense, true));
  const schema = new A.Schema(fields);
  const unions = (n) => {
    // Sparse: children as long as the union; dense: children hold what is used.
    const types = Int8Array.from({ length: n }, (_, r) => (r % 3 === 0 ? 5 : 0));
    const sparseData = A.makeData({
      type: sparse, length: n, nullCount: 0, typeIds: types,
      children: [A.vectorFromArray(Array.from({ length: n }, (_, r) => (r % 5 === 4 ? null : r * 7)), new A.Int32()).data[0],
        A.vectorFromArray(Array.from({ length: n }, (_, r) => `u${r}`), new A.Utf8()).data[0]],
    });
    const dtypes = Int8Array.from({ length: n }, (_, r) => (r % 2 ? 1 : 3));
    const floats = [], bools = [], offsets = [];
    for (let r = 0; r < n; ++r) {
      if (r % 2) { offsets.push(bools.length); bools.push(r % 4 === 1 ? null : r % 3 === 0); }
      else { offsets.push(floats.length); floats.push(r * 0.25); }
    }
    const denseData = A.makeData({
      type: dense, length: n, nullCount: 0, typeIds: dtypes, valueOffsets: Int32Array.from(offsets),
      children: [A.vectorFromArray(floats, new A.Float64()).data[0], A.vectorFromArray(bools, new A.Bool()).data[0]],
    });
    return [sparseData, denseData];
  };
  const make = (n) => [...columns.map(([, type, gen], c) => vectorOf(type, n, gen, c).data[0]), ...unions(n)];
  return [schema, [batchOf(schema, make(5)), batchOf(schema, make(7))]];
}

function dictionaryBatches({ replace }) {
  const city = new A.Dictionary(new A.Utf8(), new A.Int32(), 0);
  const code = new A.Dictionary(new A.Int64(), new A.Int8(), 1, true);
  const blob = new A.Dictionary(new A.LargeBinary(), new A.Uint16(), 2);
  const schema = new A.Schema([new A.Field('city', city, true), new A.Field('code', code, true),
    new A.Field('blob', blob, true), new A.Field('plain', new A.Int32(), false)]);
  const chunk = (type, values) => A.vectorFromArray(values, type).data[0];
  const c1 = chunk(new A.Utf8(), ['Oslo', 'Lima', 'Pune']);
  const c2 = chunk(new A.Utf8(), ['Kyiv', null, 'Nuuk']);
  const c3 = chunk(new A.Utf8(), ['Bern']);
  const k1 = chunk(new A.Int64(), [10n, -20n]);
  const k2 = chunk(new A.Int64(), [30n]);
  const k3 = chunk(new A.Int64(), [99n, 98n, 97n]);
  const b1 = chunk(new A.LargeBinary(), [Uint8Array.of(1, 2), Uint8Array.of()]);
  const b2 = chunk(new A.LargeBinary(), [Uint8Array.of(3)]);
  const column = (type, dictionary, indices, ctor) => {
    const valid = indices.map((x) => x !== null);
    const nullCount = valid.filter((v) => !v).length;
    const bitmap = new Uint8Array(((indices.length + 63) >> 6) << 3);
    valid.forEach((v, r) => { if (v) bitmap[r >> 3] |= 1 << (r & 7); });
    return A.makeData({
      type, length: indices.length, nullCount, nullBitmap: nullCount ? bitmap : null,
      data: ctor.from(indices.map((x) => (x === null ? 0 : x))), dictionary: new A.Vector(dictionary),
    });
  };
  const plain = (n, base) => chunk(new A.Int32(), Array.from({ length: n }, (_, r) => base + r));
  const batches = [
    // Batch 1: first dictionaries.
    batchOf(schema, [column(city, [c1], [0, 2, null, 1], Int32Array), column(code, [k1], [1, 1, 0, null], Int8Array),
      column(blob, [b1], [1, 0, 0, 1], Uint16Array), plain(4, 0)]),
    // Batch 2: deltas (each dictionary gains a chunk).
    batchOf(schema, [column(city, [c1, c2], [3, 4, 5, 0, null], Int32Array), column(code, [k1, k2], [2, 0, 1, 2, 2], Int8Array),
      column(blob, [b1, b2], [2, 2, 0, null, 1], Uint16Array), plain(5, 100)]),
  ];
  if (replace) {
    // Batch 3: replacements (new first chunks), then a delta on a replacement.
    batches.push(batchOf(schema, [column(city, [c3], [0, 0], Int32Array), column(code, [k3], [2, 0], Int8Array),
      column(blob, [b2], [0, null], Uint16Array), plain(2, 200)]));
    batches.push(batchOf(schema, [column(city, [c3, c1], [3, 0, 1], Int32Array), column(code, [k3], [1, 1, 1], Int8Array),
      column(blob, [b2, b1], [2, 1, 0], Uint16Array), plain(3, 300)]));
  }
  return [schema, batches];
}

function legacyBatches() {
  const schema = new A.Schema([new A.Field('id', new A.Int64(), false), new A.Field('name', new A.Utf8(), true),
    new A.Field('score', new A.Float64(), true)]);
  const make = (n, base) => [
    A.vectorFromArray(Array.from({ length: n }, (_, r) => BigInt(base + r)), new A.Int64()).data[0],
    vectorOf(new A.Utf8(), n, (r) => `name ${base + r}`, 1).data[0],
    vectorOf(new A.Float64(), n, (r) => (base + r) / 8, 2).data[0],
  ];
  return [schema, [batchOf(schema, make(3, 0)), batchOf(schema, make(4, 3))]];
}

const streamOf = (batches, options) => A.RecordBatchStreamWriter.writeAll(batches, options).toUint8Array(true);
const fileOf = (batches) => A.RecordBatchFileWriter.writeAll(batches).toUint8Array(true);

{
  const [, batches] = flatBatches();
  write('arrowjs_flat.arrows', streamOf(batches));
  write('arrowjs_flat.arrow', fileOf(batches));
}
{
  const [, batches] = nestedBatches();
  write('arrowjs_nested.arrows', streamOf(batches));
}
{
  write('arrowjs_dictionary.arrows', streamOf(dictionaryBatches({ replace: true })[1]));
  write('arrowjs_dictionary.arrow', fileOf(dictionaryBatches({ replace: false })[1]));
}
{
  const [, batches] = legacyBatches();
  write('arrowjs_legacy.arrows', streamOf(batches, { writeLegacyIpcFormat: true }));
}

// ---------------------------------------------------------------- Polars

function polarsFrame(n, base) {
  const rows = Array.from({ length: n }, (_, k) => base + k);
  const maybe = (r, c, v) => (isNull(r, c) ? null : v);
  return pl.DataFrame([
    pl.Series('i8', rows.map((r) => maybe(r, 0, (r % 200) - 100)), pl.Int8),
    pl.Series('i16', rows.map((r) => maybe(r, 1, r * 300 - 30000)), pl.Int16),
    pl.Series('i32', rows.map((r) => maybe(r, 2, r * 70000 - 2000000000)), pl.Int32),
    pl.Series('i64', rows.map((r) => maybe(r, 3, r * 1e12 - 9e15)), pl.Int64),
    pl.Series('u8', rows.map((r) => maybe(r, 0, r % 256)), pl.UInt8),
    pl.Series('u16', rows.map((r) => maybe(r, 1, r * 1000 % 65536)), pl.UInt16),
    pl.Series('u32', rows.map((r) => maybe(r, 2, 4294967295 - r)), pl.UInt32),
    pl.Series('u64', rows.map((r) => maybe(r, 3, r * 1e10)), pl.UInt64),
    pl.Series('f32', rows.map((r) => maybe(r, 0, r / 3)), pl.Float32),
    pl.Series('f64', rows.map((r) => maybe(r, 1, Math.sqrt(r) * 1e-7)), pl.Float64),
    pl.Series('bool', rows.map((r) => maybe(r, 2, r % 3 === 0)), pl.Bool),
    // Repetitive long strings so that LZ4 and ZSTD do compress them.
    pl.Series('str', rows.map((r) => maybe(r, 3, r % 4 === 0 ? 'short' : `a repetitive value that is long enough ${r % 5}`)), pl.Utf8),
    pl.Series('date', rows.map((r) => maybe(r, 0, new Date(Date.UTC(2000, 0, 1 + r * 11)))), pl.Date),
    pl.Series('datetime', rows.map((r) => maybe(r, 1, new Date(Date.UTC(2021, 5, 1, r % 24, r % 60)))), pl.Datetime('ms')),
    pl.Series('zeros', rows.map(() => 0), pl.Int64),
    pl.Series('list', rows.map((r) => maybe(r, 2, Array.from({ length: r % 4 }, (_, k) => r + k))), pl.List(pl.Int32)),
  ]).withColumns(
    pl.col('datetime').cast(pl.Datetime('us', 'UTC')).alias('datetime_utc'),
    pl.col('i64').cast(pl.Duration('ms')).alias('duration'),
    pl.col('str').cast(pl.Categorical).alias('category'),
    pl.struct([pl.col('i32'), pl.col('str')]).alias('struct'),
  );
}

{
  // Two record batches in the file format (vstack keeps the chunks apart);
  // Polars' stream writer makes them one.
  const df = polarsFrame(20, 0).vstack(polarsFrame(12, 20));
  for (const [suffix, writeWith] of [['arrow', 'writeIPC'], ['arrows', 'writeIPCStream']]) {
    const plain = df[writeWith]({ compression: 'uncompressed' });
    const expectation = expected(plain);
    write(`polars.${suffix}`, plain, expectation);
    for (const codec of ['lz4', 'zstd']) {
      const bytes = df[writeWith]({ compression: codec });
      // apache-arrow (with fzstd) reads the ZSTD files to the same values.
      if (codec === 'zstd' && expected(bytes) !== expectation) throw new Error(`${codec} reads differently`);
      write(`polars_${codec}.${suffix}`, bytes, null); // polars.${suffix}.expected
    }
  }
}
