// Writes reference Parquet files plus a manifest.json in the interop format,
// using writers that are not spillway: arrow-rs (through parquet-wasm, from
// apache-arrow JS tables, with the ARROW:schema key) and DuckDB's COPY. check.mjs
// reads them back; this is the suite's self-test, proving the normalisers.
//
//   node make_reference.mjs <out-dir> [--rows N] [--repeat K]   (K sets of the arrow-rs files)

import fs from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { parquetMetadata } from 'hyparquet';
import { writeDuckDB, writeDuckDBNested } from './reference_duckdb.mjs';
import { hasListView, listViewColumns, nestedColumns, nestedIntColumns, nestedNumericColumns, nestedParquet, nestedToArrow, patchListViews, required } from './reference_nested.mjs';
import { columnType, floatCanonical, parseFloatValue, float16Bits, float16FromBits, formatDecimal, hex, isDecimal, isInt, isNested, decimalBits, show, typeString } from './canonical.mjs';

// ---- deterministic values ------------------------------------------------

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const r = {
    u32: next,
    int: (lo, hi) => lo + Math.floor((next() / 2 ** 32) * (hi - lo + 1)),
    big: (lo, hi) => {
      const span = hi - lo + 1n;
      const x = (BigInt(next()) << 96n) | (BigInt(next()) << 64n) | (BigInt(next()) << 32n) | BigInt(next());
      return lo + (x % span);
    },
    bytes: (n) => Uint8Array.from({ length: n }, () => next() & 0xff),
    chance: (p) => next() / 2 ** 32 < p,
  };
  return r;
}

const WORDS = ['', 'a', 'spillway', 'Ünïcödé', '中文字符', 'emoji 🦆🌊', 'tab\tnew\nline', 'quote"back\\slash',
  'a longer string that does not fit inline in a view', 'x'.repeat(40)];

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);


const INT_RANGE = {
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-(2n ** 31n), 2n ** 31n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n], uint16: [0n, 65535n], uint32: [0n, 2n ** 32n - 1n], uint64: [0n, 2n ** 64n - 1n],
};
const DAY_MS = 86400000;
const YEAR1 = -719162; // 0001-01-01 in days since the epoch
const YEAR9999 = 2932896; // 9999-12-31

/** A child value: null with probability nullProb where the child is nullable. */
const genChild = (t, r, k, nullProb) => (t.nullable !== false && nullProb > 0 && r.chance(nullProb) ? null : genValue(t, r, k, nullProb));

/** One canonical (manifest) value for type t; `k` indexes edge cases first (nested: an empty list/map at k = 0). */
function genValue(t, r, k, nullProb = 0.15) {
  const edge = (list) => (k < list.length ? list[k] : undefined);
  switch (t.kind) {
    case 'list': case 'large_list': case 'list_view': case 'large_list_view': case 'fixed_size_list': {
      const n = t.kind === 'fixed_size_list' ? t.listSize : k === 0 ? 0 : r.int(0, 4);
      return Array.from({ length: n }, (_, j) => genChild(t.item, r, k * 4 + j, nullProb));
    }
    case 'struct':
      return Object.fromEntries(t.fields.map((f) => [f.name, genChild(f, r, k, nullProb)]));
    case 'map': {
      // Distinct keys: Parquet and DuckDB maps have unique keys.
      const seen = new Set();
      const pairs = [];
      const n = k === 0 ? 0 : r.int(0, 4);
      for (let j = 0; j < n; j++) {
        const key = genValue(t.key, r, k * 4 + j, nullProb);
        if (seen.has(show(key))) continue;
        seen.add(show(key));
        pairs.push([key, genChild(t.value, r, k * 4 + j, nullProb)]);
      }
      return pairs;
    }
    case 'bool':
      return r.chance(0.5);
    case 'int8': case 'int16': case 'int32': case 'int64': case 'uint8': case 'uint16': case 'uint32': case 'uint64': {
      const [lo, hi] = INT_RANGE[t.kind];
      const e = edge([lo, hi, 0n, lo < 0n ? -1n : 1n]);
      return String(e ?? r.big(lo, hi));
    }
    case 'float64': {
      const e = edge([NaN, Infinity, -Infinity, -0, 0, 5e-324, 1.7976931348623157e308, 0.1]);
      if (e !== undefined) return floatCanonical(e);
      u64[0] = (BigInt(r.u32()) << 32n) | BigInt(r.u32());
      return floatCanonical(Number.isNaN(f64[0]) ? 1.5 : f64[0]);
    }
    case 'float32': {
      const e = edge([NaN, Infinity, -Infinity, -0, 0, 1.401298464324817e-45, 3.4028234663852886e38, Math.fround(0.1)]);
      if (e !== undefined) return floatCanonical(e);
      u32[0] = r.u32();
      return floatCanonical(Number.isNaN(f32[0]) ? 2.5 : f32[0]);
    }
    case 'float16': {
      const e = edge([NaN, Infinity, -Infinity, -0, 0, 2 ** -24, 65504, float16FromBits(float16Bits(0.1))]);
      if (e !== undefined) return floatCanonical(e);
      const v = float16FromBits(r.u32() & 0xffff);
      return floatCanonical(Number.isNaN(v) ? 0.5 : v);
    }
    case 'utf8': case 'large_utf8': case 'utf8_view':
      return WORDS[r.int(0, WORDS.length - 1)] + (r.chance(0.5) ? String(r.u32()) : '');
    case 'binary': case 'large_binary': case 'binary_view':
      return hex(r.bytes(edge([0, 1, 13]) ?? r.int(0, 24)));
    case 'fixed_size_binary':
      return hex(r.bytes(t.byteWidth));
    case 'decimal32': case 'decimal64': case 'decimal128': case 'decimal256': {
      const max = 10n ** BigInt(t.precision) - 1n;
      return formatDecimal(edge([max, -max, 0n, -1n]) ?? r.big(-max, max), t.scale);
    }
    case 'date32': case 'date64':
      return edge([0, -1, YEAR1, YEAR9999]) ?? r.int(YEAR1, YEAR9999);
    case 'time32':
      return String(t.unit === 's' ? r.int(0, 86399) * 1000 : edge([0, DAY_MS - 1]) ?? r.int(0, DAY_MS - 1));
    case 'time64': {
      const per = t.unit === 'us' ? 86400000000n : 86400000000000n;
      return String(edge([0n, per - 1n]) ?? r.big(0n, per - 1n));
    }
    case 'timestamp': {
      // Years 1700..2260 keep every unit inside every reader's range (see README).
      const secLo = -8520336000n;
      const secHi = 9151488000n;
      const per = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n }[t.unit];
      const v = edge([0n, -1n]) ?? r.big(secLo * per, secHi * per);
      return String(t.unit === 's' ? v * 1000n : v);
    }
    case 'duration': {
      // Polars reads duration[s] as Duration(ms): seconds must fit int64 after * 1000.
      const max = t.unit === 's' ? (2n ** 63n - 1n) / 1000n : 2n ** 63n - 1n;
      return String(edge([-max - (t.unit === 's' ? 0n : 1n), max, 0n]) ?? r.big(-(2n ** 40n), 2n ** 40n));
    }
    case 'interval_year_month':
      return { months: r.int(0, 2 ** 31 - 1), days: 0, millis: 0 };
    case 'interval_day_time':
      return { months: 0, days: r.int(0, 2 ** 31 - 1), millis: r.int(0, 2 ** 31 - 1) };
    case 'null':
      return null;
  }
  throw new Error(`no generator for ${t.kind}`);
}

function genColumn(col, n, seed, nullProb) {
  const t = columnType(col);
  const r = prng(seed);
  const values = [];
  let dict = null;
  if (t.dictionaryIndex) dict = Array.from({ length: 7 }, (_, i) => genValue(t, r, i + 100));
  for (let i = 0; i < n; i++) {
    if (t.kind === 'null' || (col.nullable && nullProb > 0 && r.chance(nullProb))) values.push(null);
    else values.push(dict ? dict[r.int(0, dict.length - 1)] : genValue(t, r, i, Math.min(nullProb, 0.3)));
  }
  return values;
}

// ---- canonical values -> apache-arrow JS ---------------------------------

/** A nested type's children as apache-arrow Fields; list views are built as lists (see patchListViews). */
function nestedArrowType(t) {
  const field = (name, c) => new arrow.Field(name, arrowType(c), c.nullable !== false);
  switch (t.kind) {
    case 'list': case 'list_view': return new arrow.List(field('element', t.item));
    case 'large_list': case 'large_list_view': return new arrow.LargeList(field('element', t.item));
    case 'fixed_size_list': return new arrow.FixedSizeList(t.listSize, field('element', t.item));
    case 'struct': return new arrow.Struct(t.fields.map((f) => field(f.name, f)));
    case 'map': // apache-arrow names the entries "entries", "key", "value"
      return new arrow.Map_(new arrow.Field('entries', new arrow.Struct([new arrow.Field('key', arrowType(t.key), false), field('value', t.value)]), false), t.keysSorted ?? false);
  }
  throw new Error(`not nested: ${t.kind}`);
}

function arrowType(t) {
  if (isNested(t.kind)) return nestedArrowType(t);
  const TU = { s: arrow.TimeUnit.SECOND, ms: arrow.TimeUnit.MILLISECOND, us: arrow.TimeUnit.MICROSECOND, ns: arrow.TimeUnit.NANOSECOND };
  const simple = {
    null: () => new arrow.Null(), bool: () => new arrow.Bool(),
    int8: () => new arrow.Int8(), int16: () => new arrow.Int16(), int32: () => new arrow.Int32(), int64: () => new arrow.Int64(),
    uint8: () => new arrow.Uint8(), uint16: () => new arrow.Uint16(), uint32: () => new arrow.Uint32(), uint64: () => new arrow.Uint64(),
    float16: () => new arrow.Float16(), float32: () => new arrow.Float32(), float64: () => new arrow.Float64(),
    utf8: () => new arrow.Utf8(), large_utf8: () => new arrow.LargeUtf8(), utf8_view: () => new arrow.Utf8View(),
    binary: () => new arrow.Binary(), large_binary: () => new arrow.LargeBinary(), binary_view: () => new arrow.BinaryView(),
    fixed_size_binary: () => new arrow.FixedSizeBinary(t.byteWidth),
    date32: () => new arrow.DateDay(), date64: () => new arrow.DateMillisecond(),
    time32: () => new arrow.Time(TU[t.unit], 32), time64: () => new arrow.Time(TU[t.unit], 64),
    timestamp: () => new arrow.Timestamp(TU[t.unit], t.tz),
    duration: () => new arrow.Duration(TU[t.unit]),
    interval_year_month: () => new arrow.IntervalYearMonth(), interval_day_time: () => new arrow.IntervalDayTime(),
  };
  const base = isDecimal(t.kind) ? new arrow.Decimal(t.scale, t.precision, decimalBits(t.kind)) : simple[t.kind]();
  if (!t.dictionaryIndex) return base;
  const idx = { int8: arrow.Int8, int16: arrow.Int16, int32: arrow.Int32, int64: arrow.Int64, uint8: arrow.Uint8, uint16: arrow.Uint16, uint32: arrow.Uint32 }[t.dictionaryIndex];
  return new arrow.Dictionary(base, new idx());
}

const unhex = (s) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
function unscaled(s) {
  const neg = s.startsWith('-');
  return (neg ? -1n : 1n) * BigInt(s.replace('-', '').replace('.', ''));
}

function fixedData(t, values, type) {
  const n = values.length;
  const put = {
    bool: () => {
      const a = new Uint8Array((n + 7) >> 3);
      values.forEach((v, i) => v && (a[i >> 3] |= 1 << (i & 7)));
      return a;
    },
    float16: () => Uint16Array.from(values, (v) => (v === null ? 0 : float16Bits(parseFloatValue(v)))),
    float32: () => Float32Array.from(values, (v) => (v === null ? 0 : parseFloatValue(v))),
    float64: () => Float64Array.from(values, (v) => (v === null ? 0 : parseFloatValue(v))),
    date32: () => Int32Array.from(values, (v) => v ?? 0),
    date64: () => BigInt64Array.from(values, (v) => BigInt(v ?? 0) * 86400000n),
    time32: () => Int32Array.from(values, (v) => (v === null ? 0 : t.unit === 's' ? Number(v) / 1000 : Number(v))),
    time64: () => BigInt64Array.from(values, (v) => BigInt(v ?? 0)),
    timestamp: () => BigInt64Array.from(values, (v) => (v === null ? 0n : t.unit === 's' ? BigInt(v) / 1000n : BigInt(v))),
    duration: () => BigInt64Array.from(values, (v) => BigInt(v ?? 0)),
    interval_year_month: () => Int32Array.from(values, (v) => v?.months ?? 0),
    interval_day_time: () => Int32Array.from(values.flatMap((v) => [v?.days ?? 0, v?.millis ?? 0])),
    fixed_size_binary: () => {
      const a = new Uint8Array(n * t.byteWidth);
      values.forEach((v, i) => v !== null && a.set(unhex(v), i * t.byteWidth));
      return a;
    },
  };
  if (isInt(t.kind)) {
    return Reflect.construct(type.ArrayType, [values.map((v) => (type.bitWidth === 64 ? BigInt(v ?? 0) : Number(v ?? 0)))]);
  }
  if (isDecimal(t.kind)) {
    const w = decimalBits(t.kind) / 32;
    const a = new Uint32Array(n * w);
    values.forEach((v, i) => {
      let x = v === null ? 0n : unscaled(v);
      for (let j = 0; j < w; j++, x >>= 32n) a[i * w + j] = Number(BigInt.asUintN(32, x));
    });
    return a;
  }
  return put[t.kind]();
}

function toArrow(t, values, type) {
  if (isNested(t.kind)) return nestedToArrow(t, values, type, toArrow);
  if (t.dictionaryIndex) {
    const dictValues = [...new Set(values.filter((v) => v !== null).map((v) => JSON.stringify(v)))].map((s) => JSON.parse(s));
    const pos = new Map(dictValues.map((v, i) => [JSON.stringify(v), i]));
    const dict = arrow.makeVector(toArrow({ ...t, dictionaryIndex: null }, dictValues, type.dictionary));
    const idx = Reflect.construct(type.indices.ArrayType, [values.map((v) => (v === null ? 0 : pos.get(JSON.stringify(v))))]);
    return arrow.makeData({ type, length: values.length, nullBitmap: validity(values), data: idx, dictionary: dict });
  }
  if (t.kind === 'null') return arrow.makeData({ type, length: values.length });
  const strings = ['utf8', 'large_utf8', 'utf8_view'].includes(t.kind);
  const binaries = ['binary', 'large_binary', 'binary_view'].includes(t.kind);
  if (strings || binaries) {
    const vec = arrow.vectorFromArray(values.map((v) => (v === null ? null : strings ? v : unhex(v))), type);
    return vec.data.length === 1 ? vec.data[0] : vec.data;
  }
  return arrow.makeData({ type, length: values.length, nullBitmap: validity(values), data: fixedData(t, values, type) });
}

function validity(values) {
  if (!values.some((v) => v === null)) return undefined;
  const a = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => v !== null && (a[i >> 3] |= 1 << (i & 7)));
  return a;
}

// ---- what to write -------------------------------------------------------

/** Every type the suite knows, as manifest column descriptions (without values). */
export function allColumns() {
  const c = (name, arrow_type, extra = {}) => ({ name, arrow_type, ...extra });
  const cols = [
    c('c_bool', 'bool'),
    ...['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64'].map((k) => c(`c_${k}`, k)),
    c('c_utf8', 'utf8'), c('c_large_utf8', 'large_utf8'), c('c_utf8_view', 'utf8_view'),
    c('c_binary', 'binary'), c('c_large_binary', 'large_binary'), c('c_binary_view', 'binary_view'),
    c('c_fsb5', 'fixed_size_binary', { byte_width: 5 }),
    c('c_dec32', 'decimal32', { precision: 9, scale: 2 }),
    c('c_dec64', 'decimal64', { precision: 18, scale: 4 }),
    c('c_dec128_p9', 'decimal128', { precision: 9, scale: 3 }),
    c('c_dec128_p18', 'decimal128', { precision: 18, scale: 0 }),
    c('c_dec128', 'decimal128', { precision: 38, scale: 10 }),
    c('c_dec256', 'decimal256', { precision: 76, scale: 20 }),
    c('c_date32', 'date32'), c('c_date64', 'date64'),
    c('c_time32_s', 'time32', { unit: 's' }), c('c_time32_ms', 'time32', { unit: 'ms' }),
    c('c_time64_us', 'time64', { unit: 'us' }), c('c_time64_ns', 'time64', { unit: 'ns' }),
  ];
  for (const unit of ['s', 'ms', 'us', 'ns']) {
    cols.push(c(`c_ts_${unit}`, 'timestamp', { unit, tz: null }));
    cols.push(c(`c_ts_${unit}_utc`, 'timestamp', { unit, tz: 'UTC' }));
  }
  cols.push(c('c_ts_us_ny', 'timestamp', { unit: 'us', tz: 'America/New_York' }));
  for (const unit of ['s', 'ms', 'us', 'ns']) cols.push(c(`c_dur_${unit}`, 'duration', { unit }));
  cols.push(c('c_iv_ym', 'interval_year_month'), c('c_iv_dt', 'interval_day_time'), c('c_null', 'null'));
  cols.push(c('c_dict_utf8', 'utf8', { dictionary_index: 'int32' }));
  cols.push(c('c_dict_int64', 'int64', { dictionary_index: 'int8' }));
  return cols;
}

/** The physical type arrow-rs writes for t (picks which encodings apply). */
function physicalOf(t) {
  if (t.kind === 'bool') return 'BOOLEAN';
  if (t.kind === 'float32') return 'FLOAT';
  if (t.kind === 'float64') return 'DOUBLE';
  if (['utf8', 'large_utf8', 'utf8_view', 'binary', 'large_binary', 'binary_view'].includes(t.kind)) return 'BYTE_ARRAY';
  if (['fixed_size_binary', 'float16', 'interval_year_month', 'interval_day_time'].includes(t.kind)) return 'FIXED_LEN_BYTE_ARRAY';
  if (isDecimal(t.kind)) return t.precision <= 9 ? 'INT32' : t.precision <= 18 ? 'INT64' : 'FIXED_LEN_BYTE_ARRAY';
  if (['int64', 'uint64', 'time64', 'timestamp', 'duration', 'date64'].includes(t.kind)) return 'INT64';
  return 'INT32';
}

/**
 * The Parquet side of t as spillway maps it (see README), for the manifest's
 * "parquet" expectations. arrow-rs writes no INTEGER(32/64, signed) annotation
 * for int32/int64, so "logical" is left out for those.
 */
function expectedParquet(t, nullable) {
  const physical = physicalOf(storageType(t));
  const p = { physical, repetition: nullable ? 'OPTIONAL' : 'REQUIRED' };
  const unit = { s: 'MILLIS', ms: 'MILLIS', us: 'MICROS', ns: 'NANOS' }[t.unit];
  const bits = { int8: 8, int16: 16, uint8: 8, uint16: 16, uint32: 32, uint64: 64 }[t.kind];
  if (bits) p.logical = `INTEGER(${bits},${t.kind.startsWith('int')})`;
  else if (['bool', 'float32', 'float64', 'binary', 'large_binary', 'binary_view', 'duration'].includes(t.kind)) p.logical = 'NONE';
  else if (t.kind === 'fixed_size_binary') Object.assign(p, { logical: 'NONE', type_length: t.byteWidth });
  else if (t.kind === 'float16') Object.assign(p, { logical: 'FLOAT16', type_length: 2 });
  else if (['utf8', 'large_utf8', 'utf8_view'].includes(t.kind)) p.logical = 'STRING';
  else if (isDecimal(t.kind)) p.logical = `DECIMAL(${t.precision},${t.scale})`;
  else if (t.kind.startsWith('date')) p.logical = 'DATE';
  else if (t.kind.startsWith('time') && t.kind !== 'timestamp') p.logical = `TIME(${unit},false)`;
  else if (t.kind === 'timestamp') p.logical = `TIMESTAMP(${unit},${t.tz !== null})`;
  else if (t.kind.startsWith('interval_')) Object.assign(p, { logical: 'INTERVAL', type_length: 12 });
  else if (t.kind === 'null') p.logical = 'UNKNOWN';
  return p;
}

// Value encodings per physical type for each profile (dictionary off).
const PROFILES = {
  plain_v1: { version: pw.WriterVersion.V1, codec: 'UNCOMPRESSED', dictionary: false, enc: {} },
  dict_v2_snappy: { version: pw.WriterVersion.V2, codec: 'SNAPPY', dictionary: true, enc: {} },
  delta_v2_zstd: {
    version: pw.WriterVersion.V2, codec: 'ZSTD', dictionary: false,
    enc: { INT32: 'DELTA_BINARY_PACKED', INT64: 'DELTA_BINARY_PACKED', BYTE_ARRAY: 'DELTA_LENGTH_BYTE_ARRAY', FIXED_LEN_BYTE_ARRAY: 'DELTA_BYTE_ARRAY', FLOAT: 'BYTE_STREAM_SPLIT', DOUBLE: 'BYTE_STREAM_SPLIT', BOOLEAN: 'RLE' },
  },
  split_v2_gzip: {
    version: pw.WriterVersion.V2, codec: 'GZIP', dictionary: false,
    enc: { INT32: 'BYTE_STREAM_SPLIT', INT64: 'BYTE_STREAM_SPLIT', BYTE_ARRAY: 'DELTA_BYTE_ARRAY', FIXED_LEN_BYTE_ARRAY: 'BYTE_STREAM_SPLIT', FLOAT: 'BYTE_STREAM_SPLIT', DOUBLE: 'BYTE_STREAM_SPLIT' },
  },
  lz4raw_v1: { version: pw.WriterVersion.V1, codec: 'LZ4_RAW', dictionary: false, enc: {} },
  brotli_v2: { version: pw.WriterVersion.V2, codec: 'BROTLI', dictionary: true, enc: {} },
};

// For nested files: parquet-wasm's per-column encodings take top-level names only,
// so these set one encoding for every leaf (the files hold only leaves it suits).
const NESTED_PROFILES = {
  delta_all_v2_zstd: { version: pw.WriterVersion.V2, codec: 'ZSTD', dictionary: false, enc: {}, all: 'DELTA_BINARY_PACKED' },
  split_all_v2_gzip: { version: pw.WriterVersion.V2, codec: 'GZIP', dictionary: false, enc: {}, all: 'BYTE_STREAM_SPLIT' },
};

// arrow-rs writes timestamp[s] and time32[s] as raw INT64/INT32 without a logical
// type, and date64 as INT64. spillway (like Arrow C++) writes TIMESTAMP(MILLIS),
// TIME(MILLIS) and DATE. To get spillway's layout, such columns are written with
// these storage types (same canonical values) and the ARROW:schema key is then
// replaced by the declared schema.
function storageType(t) {
  if (isNested(t.kind)) {
    const s = { ...t };
    if (t.item) s.item = storageType(t.item);
    if (t.fields) s.fields = t.fields.map((f) => ({ ...storageType(f), name: f.name }));
    if (t.key) s.key = storageType(t.key);
    if (t.value) s.value = storageType(t.value);
    return s;
  }
  if (t.kind === 'timestamp' && t.unit === 's') return { ...t, unit: 'ms' };
  if (t.kind === 'time32' && t.unit === 's') return { ...t, unit: 'ms' };
  if (t.kind === 'date64') return { ...t, kind: 'date32' };
  return t;
}

const varint = (x) => {
  const o = [];
  for (; x >= 0x80; x >>>= 7) o.push((x & 0x7f) | 0x80);
  o.push(x);
  return Buffer.from(o);
};

/**
 * Swaps the ARROW:schema value in a Parquet footer for `schema` (an IPC schema
 * message, base64; list views patched in from the descriptors `types`). The value
 * is a thrift string (varint length + bytes); nothing else in the footer refers to
 * byte positions inside the footer, so only the footer length at the end needs updating.
 */
function replaceArrowSchema(bytes, schema, types) {
  const stream = arrow.tableToIPC(new arrow.Table(schema), 'stream');
  const msgLen = new DataView(stream.buffer, stream.byteOffset).getInt32(4, true);
  const message = patchListViews(Uint8Array.from(stream.subarray(0, 8 + msgLen)), types);
  const value = Buffer.from(Buffer.from(message).toString('base64'));
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const old = Buffer.from(parquetMetadata(ab).key_value_metadata.find((kv) => kv.key === 'ARROW:schema').value);
  const n = bytes.length;
  const footerLen = new DataView(ab).getUint32(n - 8, true);
  const footer = Buffer.from(bytes.subarray(n - 8 - footerLen, n - 8));
  const at = footer.indexOf(old);
  const oldLen = varint(old.length);
  if (at < 0 || footer.indexOf(old, at + 1) >= 0 || !footer.subarray(at - oldLen.length, at).equals(oldLen))
    throw new Error('cannot locate the ARROW:schema value in the footer');
  const newFooter = Buffer.concat([footer.subarray(0, at - oldLen.length), varint(value.length), value, footer.subarray(at + old.length)]);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(newFooter.length, 0);
  tail.write('PAR1', 4);
  return Buffer.concat([bytes.subarray(0, n - 8 - footerLen), newFooter, tail]);
}

export function writeArrowRs(outDir, name, profileName, columns, nRows, nullProb, seed) {
  const prof = PROFILES[profileName] ?? NESTED_PROFILES[profileName];
  const fields = [];
  const datas = [];
  const declared = [];
  for (const [i, col] of columns.entries()) {
    const t = columnType(col);
    col.values ??= genColumn(col, nRows, seed * 1000 + i, nullProb);
    const st = storageType(t);
    const type = arrowType(st);
    fields.push(new arrow.Field(col.name, type, col.nullable));
    declared.push(new arrow.Field(col.name, arrowType(t), col.nullable));
    datas.push(toArrow(st, col.values, type));
  }
  const schema = new arrow.Schema(fields);
  const batch = new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: nRows, children: datas }));
  const ipc = arrow.tableToIPC(new arrow.Table([batch]), 'stream');
  let b = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression[prof.codec])
    .setDictionaryEnabled(prof.dictionary)
    .setWriterVersion(prof.version)
    .setMaxRowGroupSize(Math.max(1, Math.ceil(nRows / 2)))
    .setDataPageSizeLimit(4096);
  if (prof.all) b = b.setEncoding(pw.Encoding[prof.all]);
  for (const col of columns) {
    const t = columnType(col);
    if (isNested(t.kind)) {
      col.parquet = nestedParquet(t, col.name, col.nullable, expectedParquet, (lt) => (lt.kind !== 'null' ? prof.all : undefined));
      continue;
    }
    const enc = prof.all ?? prof.enc[physicalOf(t)];
    col.parquet = expectedParquet(t, col.nullable);
    if (enc && col.arrow_type !== 'null') {
      if (!prof.all) b = b.setColumnEncoding(col.name, pw.Encoding[enc]);
      col.parquet.encoding = enc;
    }
  }
  let bytes = pw.writeParquet(pw.Table.fromIPCStream(ipc), b.build());
  const types = columns.map((col) => columnType(col));
  if (types.some((t) => typeString(storageType(t)) !== typeString(t) || hasListView(t))) bytes = replaceArrowSchema(bytes, new arrow.Schema(declared), types);
  fs.writeFileSync(path.join(outDir, name), bytes);
  return {
    path: name,
    num_rows: nRows,
    props: { writer: 'arrow-rs', profile: profileName, codec: prof.codec, dictionary: prof.dictionary, nulls: nullProb > 0 },
    columns,
  };
}

export async function makeReference(outDir, nRows = 300, repeat = 1) {
  fs.mkdirSync(outDir, { recursive: true });
  const files = [];
  const all = () => allColumns().map((c) => ({ ...c, nullable: true }));
  let seed = 1;
  for (let k = 0; k < repeat; k++) {
    for (const prof of Object.keys(PROFILES)) {
      files.push(writeArrowRs(outDir, `arrowrs_${prof}${k ? `_${k}` : ''}.parquet`, prof, all(), nRows, 0.15, seed++));
    }
  }
  // Required (non-nullable) columns: no definition levels at all.
  files.push(writeArrowRs(outDir, 'arrowrs_required_plain.parquet', 'plain_v1', allColumns().filter((c) => c.arrow_type !== 'null').map((c) => ({ ...c, nullable: false })), nRows, 0, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_required_delta.parquet', 'delta_v2_zstd', allColumns().filter((c) => c.arrow_type !== 'null').map((c) => ({ ...c, nullable: false })), nRows, 0, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_required_split.parquet', 'split_v2_gzip', allColumns().filter((c) => c.arrow_type !== 'null').map((c) => ({ ...c, nullable: false })), nRows, 0, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_all_null.parquet', 'dict_v2_snappy', all(), 50, 1, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_empty.parquet', 'plain_v1', all(), 0, 0.5, seed++));
  files.push(await writeDuckDB(outDir, 'duckdb_v1_snappy.parquet', nRows, "COMPRESSION snappy, ROW_GROUP_SIZE 128"));
  files.push(await writeDuckDB(outDir, 'duckdb_v2_zstd.parquet', nRows, "COMPRESSION zstd, PARQUET_VERSION v2"));
  // Nested columns: lists, structs, maps and their combinations, nulls at every level.
  const nested = (cols) => cols.map((c) => ({ ...c, nullable: true }));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_plain.parquet', 'plain_v1', nested(nestedColumns()), nRows, 0.2, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_dict.parquet', 'dict_v2_snappy', nested(nestedColumns()), nRows, 0.2, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_required.parquet', 'lz4raw_v1', nestedColumns().map(required), nRows, 0, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_delta.parquet', 'delta_all_v2_zstd', nested(nestedIntColumns()), nRows, 0.2, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_split.parquet', 'split_all_v2_gzip', nested(nestedNumericColumns()), nRows, 0.2, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_all_null.parquet', 'plain_v1', nested(nestedColumns()), 50, 1, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_nested_empty.parquet', 'plain_v1', nested(nestedColumns()), 0, 0.5, seed++));
  files.push(writeArrowRs(outDir, 'arrowrs_list_view.parquet', 'plain_v1', nested(listViewColumns()), nRows, 0.2, seed++));
  files.push(await writeDuckDBNested(outDir, 'duckdb_nested_v1.parquet', nRows, 'COMPRESSION snappy, ROW_GROUP_SIZE 128', seed++, genColumn));
  files.push(await writeDuckDBNested(outDir, 'duckdb_nested_v2.parquet', nRows, 'COMPRESSION zstd, PARQUET_VERSION v2', seed++, genColumn));
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify({ format: 'spillway-interop', version: 1, files }));
  return files.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node make_reference.mjs <out-dir> [--rows N] [--repeat K]');
    process.exit(2);
  }
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const n = await makeReference(out, arg('--rows', 300), arg('--repeat', 1));
  console.log(`wrote ${n} files and manifest.json to ${out}`);
}
