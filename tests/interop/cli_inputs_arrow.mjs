// Arrow IPC inputs for cli_inputs.mjs: apache-arrow tables (every flat type,
// dictionary columns with delta and replacement batches, nested lists, structs
// and maps) written as IPC stream and file, plain and with LZ4_FRAME bodies, and
// the same kinds of columns written by Polars. Expected values are apache-arrow's
// read-back of each input (LZ4_FRAME and ZSTD bodies decoded by the codecs
// registered below); Polars inputs are also checked equal to Polars' own read.

import fs from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import pl from 'nodejs-polars';
import { decompressZstd } from 'hyparquet-compressors';
import { columnType, isNested, isString } from './canonical.mjs';
import { reduceExpected } from './nested.mjs';
import { nestedToArrow } from './reference_nested.mjs';
import { describeArrowType, vectorValues } from './readers/arrow_js.mjs';
import { CANONICAL_FLOATS, WORDS, edge, f64, f64Bits, nestedGroup, prng } from './cli_inputs_common.mjs';
import { lz4FrameDecode, lz4FrameEncode } from './cli_inputs_lz4.mjs';

// ---- Arrow IPC body codecs for apache-arrow (it ships none) ----------------

arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, { encode: lz4FrameEncode, decode: lz4FrameDecode });
arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, { decode: (b) => decompressZstd(b) });

// ---- IPC inputs as apache-arrow reads them -----------------------------------

/** A describeArrowType descriptor as a manifest type descriptor (children recursively, with `nullable`). */
function manifestType(d) {
  if (d.kind.startsWith('unsupported')) throw new Error(d.kind);
  const m = { arrow_type: d.kind };
  if (d.unit) m.unit = d.unit;
  if (d.kind === 'timestamp') m.tz = d.tz;
  if (d.precision !== null) Object.assign(m, { precision: d.precision, scale: d.scale });
  if (d.byteWidth !== null) m.byte_width = d.byteWidth;
  if (d.dictionaryIndex) m.dictionary_index = d.dictionaryIndex;
  if (d.nullable !== undefined) m.nullable = d.nullable;
  if (d.kind === 'fixed_size_list') m.list_size = d.listSize;
  if (d.item) m.item = manifestType(d.item);
  if (d.fields) m.fields = d.fields.map((f) => ({ name: f.name, ...manifestType(f) }));
  if (d.key) Object.assign(m, { key: manifestType(d.key), value: manifestType(d.value), keys_sorted: d.keysSorted });
  return m;
}

/** Manifest columns of an IPC input as apache-arrow reads it: its own types and values. */
function ipcColumns(bytes) {
  const table = arrow.tableFromIPC(bytes);
  const columns = table.schema.fields.map((f) => {
    let col;
    try {
      col = { name: f.name, ...manifestType(describeArrowType(f.type)), nullable: f.nullable };
    } catch (e) {
      throw new Error(`column ${f.name}: ${e.message}`);
    }
    const t = columnType(col);
    if (isNested(t.kind)) col.parquet = nestedGroup(t.kind, f.nullable);
    // Values canonical.mjs cannot convert exactly come back as phrases ("... (not a whole s)").
    const phrases = [{
      node: (n) => !isNested(n.kind) && !isString(n.kind),
      expected: (v) => {
        if (typeof v === 'string' && v.includes(' ')) throw new Error(`column ${f.name}: apache-arrow value ${v}`);
        return v;
      },
    }];
    col.values = vectorValues(table.getChild(f.name), t).map((v) => reduceExpected(t, reduceExpected(t, v, phrases), CANONICAL_FLOATS));
    return col;
  });
  return { num_rows: table.numRows, columns };
}

// ---- apache-arrow JS tables -------------------------------------------------

const TU = { s: arrow.TimeUnit.SECOND, ms: arrow.TimeUnit.MILLISECOND, us: arrow.TimeUnit.MICROSECOND, ns: arrow.TimeUnit.NANOSECOND };
const PER_S = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n };
const intRange = (signed, bits) => (signed ? [-(2n ** BigInt(bits - 1)), 2n ** BigInt(bits - 1) - 1n] : [0n, 2n ** BigInt(bits) - 1n]);

/** Column specs: a type and a generator of raw values (k = row number in the table). */
function arrowSpecs(polarsOnly) {
  const s = [];
  const add = (name, type, gen, nullable = true) => s.push({ name, type, gen, nullable });
  for (const [signed, bits] of [[true, 8], [true, 16], [true, 32], [true, 64], [false, 8], [false, 16], [false, 32], [false, 64]]) {
    const [lo, hi] = intRange(signed, bits);
    const type = new arrow.Int(signed, bits);
    add(`c_${signed ? '' : 'u'}int${bits}`, type, (r, k) => {
      const v = edge(k, [lo, hi, 0n, signed ? -1n : 1n]) ?? r.big(lo, hi);
      return bits === 64 ? v : Number(v);
    });
  }
  add('c_id', new arrow.Int64(), (r, k) => BigInt(k), false);
  if (!polarsOnly) add('c_float16', new arrow.Float16(), (r, k) => edge(k, [0x7e00, 0x7c00, 0xfc00, 0x8000, 0x0001, 0x7bff]) ?? (r.u32() & 0xfbff));
  add('c_float32', new arrow.Float32(), (r, k) => edge(k, [NaN, Infinity, -Infinity, -0, 1.401298464324817e-45, 3.4028234663852886e38]) ?? Math.fround((r.u32() - 2 ** 31) / 977));
  add('c_float64', new arrow.Float64(), (r, k) => {
    const e = edge(k, [NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308, 0.1]);
    if (e !== undefined) return e;
    f64Bits[0] = (BigInt(r.u32()) << 32n) | BigInt(r.u32());
    return Number.isNaN(f64[0]) ? 1.5 : f64[0];
  });
  add('c_bool', new arrow.Bool(), (r) => r.chance(0.5));
  add('c_bool_req', new arrow.Bool(), (r) => r.chance(0.3), false);
  const word = (r) => r.pick(WORDS) + (r.chance(0.5) ? String(r.u32()) : '');
  add('c_utf8', new arrow.Utf8(), word);
  add('c_utf8_req', new arrow.Utf8(), word, false);
  add('c_large_utf8', new arrow.LargeUtf8(), word);
  if (!polarsOnly) add('c_utf8_view', new arrow.Utf8View(), word);
  add('c_binary', new arrow.Binary(), (r, k) => r.bytes(edge(k, [0, 1, 13]) ?? r.int(0, 24)));
  if (!polarsOnly) {
    add('c_large_binary', new arrow.LargeBinary(), (r) => r.bytes(r.int(0, 30)));
    add('c_binary_view', new arrow.BinaryView(), (r) => r.bytes(r.int(0, 30)));
    add('c_fsb5', new arrow.FixedSizeBinary(5), (r) => r.bytes(5));
  }
  add('c_date32', new arrow.DateDay(), (r, k) => edge(k, [0, -1, -719162, 2932896]) ?? r.int(-719162, 2932896));
  if (!polarsOnly) {
    add('c_date64', new arrow.DateMillisecond(), (r) => BigInt(r.int(-719162, 2932896)) * 86400000n);
    add('c_time32_s', new arrow.TimeSecond(), (r, k) => edge(k, [0, 86399]) ?? r.int(0, 86399));
    add('c_time32_ms', new arrow.TimeMillisecond(), (r, k) => edge(k, [0, 86399999]) ?? r.int(0, 86399999));
    add('c_time64_us', new arrow.TimeMicrosecond(), (r, k) => edge(k, [0n, 86399999999n]) ?? r.big(0n, 86399999999n));
  }
  add('c_time64_ns', new arrow.TimeNanosecond(), (r, k) => edge(k, [0n, 86399999999999n]) ?? r.big(0n, 86399999999999n));
  // Years 1700..2260 keep every unit inside every reader's range (README).
  for (const unit of polarsOnly ? ['ms', 'us', 'ns'] : ['s', 'ms', 'us', 'ns']) {
    for (const tz of [null, 'UTC', 'Europe/Paris']) {
      add(`c_ts_${unit}${tz ? `_${tz === 'UTC' ? 'utc' : 'paris'}` : ''}`, new arrow.Timestamp(TU[unit], tz), (r, k) =>
        edge(k, [0n, -1n]) ?? r.big(-8520336000n * PER_S[unit], 9151488000n * PER_S[unit]));
    }
  }
  for (const unit of polarsOnly ? ['ms', 'us', 'ns'] : ['s', 'ms', 'us', 'ns']) {
    const max = unit === 's' ? (2n ** 63n - 1n) / 1000n : 2n ** 63n - 1n; // Polars reads duration[s] as ms
    add(`c_dur_${unit}`, new arrow.Duration(TU[unit]), (r, k) => edge(k, [-max, max, 0n]) ?? r.big(-(2n ** 40n), 2n ** 40n));
  }
  const dec = (name, precision, scale, bits) => {
    const max = 10n ** BigInt(precision) - 1n;
    add(name, new arrow.Decimal(scale, precision, bits), (r, k) => edge(k, [max, -max, 0n, -1n]) ?? r.big(-max, max));
  };
  dec('c_dec128_9_2', 9, 2, 128);
  dec('c_dec128_38_10', 38, 10, 128);
  if (!polarsOnly) {
    dec('c_dec32', 9, 3, 32);
    dec('c_dec64', 18, 4, 64);
    dec('c_dec256', 76, 20, 256);
    add('c_iv_ym', new arrow.IntervalYearMonth(), (r) => r.int(0, 2 ** 31 - 1));
    add('c_iv_dt', new arrow.IntervalDayTime(), (r) => [r.int(0, 2 ** 31 - 1), r.int(0, 2 ** 31 - 1)]);
    add('c_null', new arrow.Null(), () => null);
  }
  return s;
}

function bitmap(values) {
  const a = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => v !== null && v !== false && (a[i >> 3] |= 1 << (i & 7)));
  return a;
}

/** One arrow Data of `type` from raw values (null = null; nested: arrays, objects, [key, value] pairs). */
function makeArrowData(type, values) {
  const d = describeArrowType(type);
  if (isNested(d.kind)) return nestedToArrow(d, values, type, (cd, items, childType) => makeArrowData(childType, items));
  const T = arrow.Type;
  const n = values.length;
  const nullBitmap = values.includes(null) ? bitmap(values.map((v) => (v === null ? null : true))) : undefined;
  const typed = (Ctor, zero) => Ctor.from(values, (v) => (v === null ? zero : v));
  const make = (data) => arrow.makeData({ type, length: n, nullBitmap, data });
  switch (type.typeId) {
    case T.Null:
      return arrow.makeData({ type, length: n });
    case T.Bool:
      return make(bitmap(values));
    case T.Int:
      return make(typed(type.ArrayType, type.bitWidth === 64 ? 0n : 0));
    case T.Float:
      return make(typed(type.precision === arrow.Precision.HALF ? Uint16Array : type.ArrayType, 0));
    case T.Utf8: case T.LargeUtf8: case T.Utf8View: case T.Binary: case T.LargeBinary: case T.BinaryView: {
      const vec = arrow.vectorFromArray(values, type);
      if (vec.data.length !== 1) throw new Error(`${type}: ${vec.data.length} chunks`);
      return vec.data[0];
    }
    case T.FixedSizeBinary: {
      const a = new Uint8Array(n * type.byteWidth);
      values.forEach((v, i) => v !== null && a.set(v, i * type.byteWidth));
      return make(a);
    }
    case T.Decimal: {
      const w = type.bitWidth / 32;
      const a = new Uint32Array(n * w);
      values.forEach((v, i) => {
        for (let j = 0, x = v ?? 0n; j < w; j++, x >>= 32n) a[i * w + j] = Number(BigInt.asUintN(32, x));
      });
      return make(a);
    }
    case T.Date:
      return make(type.unit === arrow.DateUnit.DAY ? typed(Int32Array, 0) : typed(BigInt64Array, 0n));
    case T.Time:
      return make(type.bitWidth === 32 ? typed(Int32Array, 0) : typed(BigInt64Array, 0n));
    case T.Timestamp: case T.Duration:
      return make(typed(BigInt64Array, 0n));
    case T.Interval:
      return make(type.unit === arrow.IntervalUnit.YEAR_MONTH ? typed(Int32Array, 0) : Int32Array.from(values.flatMap((v) => v ?? [0, 0])));
  }
  throw new Error(`no builder for ${type}`);
}

/**
 * Record batches of the specs plus dictionary columns. c_dict_utf8 grows its
 * dictionary batch by batch (apache-arrow writes delta dictionary batches);
 * with `replace`, c_dict_replace gets a new dictionary per batch (replacement
 * dictionary batches: IPC stream only).
 */
function arrowBatches(specs, sizes, seed, { replace, dictionaries = true, nullProb = 0.12 } = {}) {
  const dictUtf8 = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32(), 1);
  const dictRepl = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int16(), 2);
  const fields = specs.map((s) => new arrow.Field(s.name, s.type, s.nullable));
  if (dictionaries) fields.push(new arrow.Field('c_dict_utf8', dictUtf8, true), new arrow.Field('c_dict_replace', dictRepl, true));
  const schema = new arrow.Schema(fields);
  const r = prng(seed);
  const intended = { c_dict_utf8: [], c_dict_replace: [] };
  const dictChunks = [];
  let fixedRepl = null;
  let k0 = 0;
  const batches = sizes.map((n, b) => {
    const children = specs.map((s) => {
      const values = Array.from({ length: n }, (_, i) => (s.nullable && k0 + i >= 8 && r.chance(nullProb) ? null : s.gen(r, k0 + i))); // edge cases first, never null
      return makeArrowData(s.type, s.type.typeId === arrow.Type.Null ? values.map(() => null) : values);
    });
    k0 += n;
    if (!dictionaries) return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: n, children }));
    // Growing dictionary: batch b appends new words; indices may point into any earlier chunk.
    dictChunks.push(arrow.vectorFromArray(Array.from({ length: 3 + b }, (_, j) => `dict b${b} #${j} ${r.pick(WORDS)}`), new arrow.Utf8()).data[0]);
    const dictVec = new arrow.Vector(dictChunks.slice());
    const idx = Array.from({ length: n }, () => (r.chance(nullProb) ? null : r.int(0, dictVec.length - 1)));
    intended.c_dict_utf8.push(...idx.map((i) => (i === null ? null : dictVec.get(i))));
    children.push(arrow.makeData({ type: dictUtf8, length: n, nullBitmap: bitmap(idx), data: Int32Array.from(idx, (i) => i ?? 0), dictionary: dictVec }));
    const words = replace || !fixedRepl ? arrow.vectorFromArray(Array.from({ length: 4 }, (_, j) => `repl b${b} #${j}`), new arrow.Utf8()) : fixedRepl;
    fixedRepl = words;
    const ridx = Array.from({ length: n }, () => (r.chance(nullProb) ? null : r.int(0, 3)));
    intended.c_dict_replace.push(...ridx.map((i) => (i === null ? null : words.get(i))));
    children.push(arrow.makeData({ type: dictRepl, length: n, nullBitmap: bitmap(ridx), data: Int16Array.from(ridx, (i) => i ?? 0), dictionary: words }));
    return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: n, children }));
  });
  return { table: new arrow.Table(schema, batches), intended };
}

/** apache-arrow's read-back of the dictionary columns must be what was written (guards the expected values). */
function checkIntended(columns, intended, what) {
  for (const [name, want] of Object.entries(intended)) {
    const got = columns.find((c) => c.name === name).values;
    const bad = want.findIndex((v, i) => v !== got[i]);
    if (bad >= 0 || want.length !== got.length) throw new Error(`${what} ${name}: apache-arrow read back ${JSON.stringify(got[bad])} at row ${bad}, wrote ${JSON.stringify(want[bad])}`);
  }
}

/** Facts from the IPC messages themselves: body codecs, record and dictionary batches. */
function ipcFacts(bytes) {
  const file = Buffer.from(bytes.subarray(0, 6)).toString() === 'ARROW1';
  const reader = new arrow.MessageReader(file ? bytes.subarray(8) : bytes);
  const f = { format: file ? 'file' : 'stream', codecs: new Set(), batches: 0, dictionaries: 0, deltas: 0 };
  for (const m of reader) {
    const h = m.header();
    if (m.isRecordBatch() || m.isDictionaryBatch()) {
      const c = (m.isRecordBatch() ? h : h.data).compression;
      f.codecs.add(c ? arrow.CompressionType[c.type] : 'none');
      if (m.isRecordBatch()) f.batches++;
      else if (h.isDelta) f.deltas++;
      else f.dictionaries++;
    }
    if (m.bodyLength > 0) reader.readMessageBody(m.bodyLength);
  }
  return `${f.format}, ${f.batches} record batches, ${f.dictionaries} dictionary + ${f.deltas} delta batches, body ${[...f.codecs].join('/')}`;
}

/**
 * apache-arrow 21.2 writes the compressed length into the 8-byte prefix of a
 * compressed body buffer, where the IPC format puts the uncompressed length
 * (fixed upstream in apache/arrow-js#470: PyArrow rejects such files, and so
 * does spillway). This rewrites each prefix with the decoded length.
 */
function fixBodyPrefixes(bytes) {
  const out = new Uint8Array(bytes);
  const dv = new DataView(out.buffer);
  let pos = Buffer.from(out.subarray(0, 6)).toString() === 'ARROW1' ? 8 : 0;
  for (;;) {
    let len = dv.getInt32(pos, true);
    pos += 4;
    if (len === -1) {
      len = dv.getInt32(pos, true); // after the continuation marker
      pos += 4;
    }
    if (len === 0) return out; // end of stream
    const msg = arrow.Message.decode(out.subarray(pos, pos + len));
    pos += len;
    const h = msg.isRecordBatch() ? msg.header() : msg.isDictionaryBatch() ? msg.header().data : null;
    for (const { offset, length } of h?.compression ? h.buffers : []) {
      const at = pos + Number(offset);
      if (length > 0 && dv.getBigInt64(at, true) !== -1n)
        dv.setBigInt64(at, BigInt(lz4FrameDecode(out.subarray(at + 8, at + Number(length))).length), true);
    }
    pos += Number(msg.bodyLength);
  }
}

export function writeArrowJs(dir) {
  const specs = arrowSpecs(false);
  const sizes = [700, 0, 300, 1, 999];
  const stream = arrowBatches(specs, sizes, 11, { replace: true });
  const file = arrowBatches(specs, sizes, 12, { replace: false });
  const inputs = [];
  const lz4 = { compressionType: arrow.CompressionType.LZ4_FRAME };
  for (const [name, { table, intended }, write] of [
    ['arrowjs.arrows', stream, (t) => arrow.tableToIPC(t, 'stream')],
    ['arrowjs.arrow', file, (t) => arrow.tableToIPC(t, 'file')],
    // LZ4_FRAME bodies; buffers that do not shrink are stored raw (length -1)
    ['arrowjs_lz4.arrows', stream, (t) => fixBodyPrefixes(arrow.RecordBatchStreamWriter.writeAll(t, lz4).toUint8Array(true))],
    ['arrowjs_lz4.arrow', file, (t) => fixBodyPrefixes(arrow.RecordBatchFileWriter.writeAll(t, lz4).toUint8Array(true))],
  ]) {
    const bytes = write(table);
    fs.writeFileSync(path.join(dir, name), bytes);
    const input = { name, source: 'apache-arrow', ...ipcColumns(bytes), facts: ipcFacts(bytes) };
    checkIntended(input.columns, intended, name);
    inputs.push(input);
  }
  return inputs;
}

// ---- nested apache-arrow inputs ------------------------------------------------

const field = (name, type, nullable = true) => new arrow.Field(name, type, nullable);
const listOf = (type, nullable = true) => new arrow.List(field('item', type, nullable));
const structOf = (...fields) => new arrow.Struct(fields);
const mapOf = (key, value) => new arrow.Map_(field('entries', structOf(field('key', key, false), field('value', value)), false));

/** Nested columns; Polars gets no maps (it has no map type) and keeps the rest. */
function nestedFields(polarsOnly) {
  const f = [
    field('n_list_i32', listOf(new arrow.Int32())),
    field('n_list_utf8', listOf(new arrow.Utf8())),
    field('n_large_list_i64', new arrow.LargeList(field('item', new arrow.Int64()))),
    field('n_fsl_f64', new arrow.FixedSizeList(3, field('item', new arrow.Float64()))),
    field('n_struct', structOf(field('a', new arrow.Int64()), field('b', new arrow.Utf8()), field('c', listOf(new arrow.Bool())))),
    field('n_list_struct', listOf(structOf(field('x', new arrow.Int32()), field('y', new arrow.Utf8())))),
    field('n_list_list', listOf(listOf(new arrow.Int32()))),
    // required levels (placeholders under null parents are written but not read back)
    field('n_list_req', listOf(new arrow.Int32(), false), false),
    field('n_struct_req', structOf(field('k', new arrow.Int32(), false), field('d', listOf(new arrow.DateDay(), false)))),
  ];
  if (!polarsOnly) {
    f.push(
      field('n_map', mapOf(new arrow.Utf8(), new arrow.Int32())),
      field('n_map_struct', mapOf(new arrow.Int64(), structOf(field('p', new arrow.Float64()), field('q', listOf(new arrow.Utf8()))))),
    );
  }
  return f;
}

/** A random raw value of describeArrowType descriptor d (children null with probability 0.15 where nullable). */
function nestedValue(d, r) {
  const child = (c) => (c.nullable && r.chance(0.15) ? null : nestedValue(c, r));
  switch (d.kind) {
    case 'list': case 'large_list': return Array.from({ length: r.pick([0, 0, 1, 2, 3, 5]) }, () => child(d.item));
    case 'fixed_size_list': return Array.from({ length: d.listSize }, () => child(d.item));
    case 'struct': return Object.fromEntries(d.fields.map((f) => [f.name, child(f)]));
    case 'map': {
      const pairs = new Map(); // distinct keys: DuckDB rejects duplicate MAP keys
      for (let i = r.pick([0, 0, 1, 2, 4]); i > 0; i--) {
        const k = nestedValue(d.key, r);
        pairs.set(String(k), [k, child(d.value)]);
      }
      return [...pairs.values()];
    }
    case 'int32': return r.chance(0.1) ? r.pick([-(2 ** 31), 2 ** 31 - 1, 0]) : r.int(-(2 ** 31), 2 ** 31 - 1);
    case 'int64': return r.chance(0.1) ? r.pick([-(2n ** 63n), 2n ** 63n - 1n, 0n]) : r.big(-(2n ** 63n), 2n ** 63n - 1n);
    case 'float64': return r.chance(0.2) ? r.pick([NaN, Infinity, -Infinity, -0, 5e-324, 0.1]) : (r.u32() - 2 ** 31) / 1024;
    case 'utf8': return r.pick(WORDS) + (r.chance(0.5) ? String(r.int(0, 99)) : '');
    case 'bool': return r.chance(0.5);
    case 'date32': return r.int(-719162, 2932896);
  }
  throw new Error(`no generator for ${d.kind}`);
}

const nestedSpecs = (polarsOnly) =>
  nestedFields(polarsOnly).map((f) => {
    const d = describeArrowType(f.type);
    return { name: f.name, type: f.type, nullable: f.nullable, gen: (r) => nestedValue(d, r) };
  });

/** Nested columns written by apache-arrow as IPC stream and file (same schema: they are also appended into one output). */
export function writeArrowJsNested(dir) {
  const sizes = [500, 0, 1, 350, 649];
  const inputs = [];
  for (const [name, seed, write] of [
    ['arrowjs_nested.arrows', 13, (t) => arrow.tableToIPC(t, 'stream')],
    ['arrowjs_nested.arrow', 14, (t) => arrow.tableToIPC(t, 'file')],
  ]) {
    const { table } = arrowBatches(nestedSpecs(false), sizes, seed, { dictionaries: false, nullProb: 0.1 });
    const bytes = write(table);
    fs.writeFileSync(path.join(dir, name), bytes);
    inputs.push({ name, source: 'apache-arrow', ...ipcColumns(bytes), facts: ipcFacts(bytes) });
  }
  return inputs;
}

// ---- Polars -------------------------------------------------------------------

/**
 * One DataFrame written by Polars as IPC file and stream, LZ4 / ZSTD / uncompressed.
 * Polars writes a file's record batches per chunk but refuses a categorical
 * over several chunks (it would need replacement dictionaries); its stream
 * writer joins the chunks. The files have no categorical: Polars writes it as
 * dictionary<uint32, utf8_view> there, which spillway keeps but arrow-rs
 * (parquet-wasm 0.8) cannot read back ("unsupported data type for byte array
 * dictionary reader - Dictionary(UInt32, Utf8View)"). The streams have it as
 * dictionary<uint32, large_utf8>, always dictionary-encoded in Parquet: Polars
 * reads no DELTA_BYTE_ARRAY pages into a categorical.
 */
export function writePolars(dir) {
  // Polars reads no delta dictionaries: the categorical comes from a cast.
  const { table } = arrowBatches(arrowSpecs(true), [1500], 21, { dictionaries: false });
  const df = pl.readIPC(Buffer.from(arrow.tableToIPC(table, 'file')));
  const chunked = pl.concat([df.slice(0, 600), df.slice(600, 1), df.slice(601, 899)], { how: 'vertical', rechunk: false });
  const withCat = df.withColumns(pl.col('c_utf8').cast(pl.Categorical).alias('c_cat'));
  const variants = [
    ['polars_lz4.arrow', (p) => chunked.writeIPC(p, { compression: 'lz4' })],
    ['polars_zstd.arrow', (p) => chunked.writeIPC(p, { compression: 'zstd' })],
    ['polars_plain.arrow', (p) => chunked.writeIPC(p, { compression: 'uncompressed' })],
    ['polars_zstd.arrows', (p) => withCat.writeIPCStream(p, { compression: 'zstd' })],
    ['polars_lz4.arrows', (p) => withCat.writeIPCStream(p, { compression: 'lz4' })],
    ['polars_plain.arrows', (p) => withCat.writeIPCStream(p)],
  ];
  return polarsInputs(dir, variants);
}

/**
 * Nested columns through Polars: list<...> (Polars writes large_list), fixed_size_list
 * (its Array type), struct, list<struct>, list<list>, required levels.
 */
export function writePolarsNested(dir) {
  const { table } = arrowBatches(nestedSpecs(true), [1200], 22, { dictionaries: false, nullProb: 0.1 });
  const df = pl.readIPC(Buffer.from(arrow.tableToIPC(table, 'file')));
  const chunked = pl.concat([df.slice(0, 500), df.slice(500, 1), df.slice(501, 699)], { how: 'vertical', rechunk: false });
  return polarsInputs(dir, [
    ['polars_nested.arrow', (p) => chunked.writeIPC(p, { compression: 'zstd' })],
    ['polars_nested.arrows', (p) => chunked.writeIPCStream(p, { compression: 'lz4' })],
  ]);
}

/** Writes each variant, reads it back with apache-arrow and checks Polars reads the same values. */
function polarsInputs(dir, variants) {
  const inputs = [];
  for (const [name, write] of variants) {
    const p = path.join(dir, name);
    write(p);
    const bytes = new Uint8Array(fs.readFileSync(p));
    const input = { name, source: 'polars', ...ipcColumns(bytes), facts: ipcFacts(bytes) };
    // Polars reading its own file must agree with apache-arrow (guards the codecs above).
    const own = ipcColumns((name.endsWith('.arrows') ? pl.readIPCStream : pl.readIPC)(fs.readFileSync(p)).writeIPCStream());
    for (const c of input.columns) {
      const o = own.columns.find((x) => x.name === c.name);
      const bad = c.values.findIndex((v, i) => JSON.stringify(v) !== JSON.stringify(o.values[i]));
      if (bad >= 0) throw new Error(`${name} ${c.name} row ${bad}: apache-arrow reads ${JSON.stringify(c.values[bad])}, Polars ${JSON.stringify(o.values[bad])}`);
    }
    inputs.push(input);
  }
  return inputs;
}
