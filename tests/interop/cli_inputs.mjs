// Inputs for `spillway convert`, written by independent tools, converted by the
// spillway binary; the manifest it writes lets check.mjs read every Parquet
// output back with DuckDB, Polars, arrow-rs and hyparquet (see README.md).
//
//   node cli_inputs.mjs <spillway binary> <dir>  [--inputs-only]
//
// Expected values come from the tools, never from spillway: Arrow IPC inputs as
// apache-arrow itself reads them back (LZ4_FRAME and ZSTD bodies decoded by the
// codecs registered below), CSV / TSV / NDJSON as DuckDB's read_csv / read_json
// read the same files. The manifest's arrow_type is the input's own type (IPC)
// or the type spillway infers (text formats; see TEXT_TYPES).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import pl from 'nodejs-polars';
import { DuckDBInstance, DuckDBTypeId as DuckId } from '@duckdb/node-api';
import { decompressZstd } from 'hyparquet-compressors';
import { columnType, floatCanonical, isFloat, isListLike, isNested, isString, typeString } from './canonical.mjs';
import { reduceExpected } from './nested.mjs';
import { nestedToArrow } from './reference_nested.mjs';
import { describeArrowType, vectorValues } from './readers/arrow_js.mjs';
import { converter as duckConverter } from './readers/duckdb.mjs';

// ---- deterministic values ------------------------------------------------

function prng(seed) {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    u32,
    int: (lo, hi) => lo + Math.floor((u32() / 2 ** 32) * (hi - lo + 1)),
    big: (lo, hi) => {
      const span = hi - lo + 1n;
      let x = 0n;
      for (let bits = 0n; bits < BigInt(span.toString(2).length) + 32n; bits += 32n) x = (x << 32n) | BigInt(u32());
      return lo + (x % span);
    },
    chance: (p) => u32() / 2 ** 32 < p,
    pick: (list) => list[Math.floor((u32() / 2 ** 32) * list.length)],
    bytes: (n) => Uint8Array.from({ length: n }, () => u32() & 0xff),
  };
}

const WORDS = ['', 'a', 'spillway', 'Ünïcödé', '中文字符', 'emoji 🦆🌊', 'tab\there', 'new\nline', 'quote"d',
  'back\\slash', 'comma, inside', 'a longer string that does not fit inline in a view', 'x'.repeat(40)];
const edge = (k, list) => (k < list.length ? list[k] : undefined);
const f64 = new Float64Array(1);
const f64Bits = new BigUint64Array(f64.buffer);

// ---- Arrow IPC body codecs for apache-arrow (it ships none) ----------------

/** LZ4 frame format (magic, FLG/BD descriptor, blocks, end mark) over LZ4 block decoding. */
function lz4FrameDecode(src) {
  let out = new Uint8Array(Math.max(64, src.length * 4));
  let o = 0;
  const need = (n) => {
    if (o + n <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, o + n));
    bigger.set(out.subarray(0, o));
    out = bigger;
  };
  const u32le = (p) => (src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24)) >>> 0;
  let p = 0;
  while (p < src.length) {
    if (u32le(p) !== 0x184d2204) throw new Error(`lz4 frame: bad magic at ${p}`);
    const flg = src[p + 4];
    p += 6 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0) + 1; // magic, FLG, BD, content size, dict id, HC
    for (;;) {
      const size = u32le(p);
      p += 4;
      if (size === 0) break;
      const len = size & 0x7fffffff;
      if (size & 0x80000000) {
        need(len);
        out.set(src.subarray(p, p + len), o);
        o += len;
      } else {
        const end = p + len;
        let q = p;
        for (;;) {
          const token = src[q++];
          let lit = token >> 4;
          if (lit === 15) for (let b = 255; b === 255; lit += b) b = src[q++];
          need(lit);
          out.set(src.subarray(q, q + lit), o);
          o += lit;
          q += lit;
          if (q >= end) break; // the last sequence has literals only
          const offset = src[q] | (src[q + 1] << 8);
          q += 2;
          let m = token & 15;
          if (m === 15) for (let b = 255; b === 255; m += b) b = src[q++];
          m += 4;
          need(m);
          for (let i = 0; i < m; i++, o++) out[o] = out[o - offset]; // may overlap itself
        }
      }
      p += len + (flg & 0x10 ? 4 : 0); // block checksum
    }
    if (flg & 0x04) p += 4; // content checksum
  }
  return out.slice(0, o);
}

/** xxHash32 of a few bytes (seed 0): the LZ4 frame descriptor's header checksum. */
function xxh32Small(bytes) {
  const P1 = 2654435761, P2 = 2246822519, P3 = 3266489917, P5 = 374761393;
  let h = (P5 + bytes.length) >>> 0;
  for (const b of bytes) h = Math.imul(((h + Math.imul(b, P5)) << 11) | ((h + Math.imul(b, P5)) >>> 21), P1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), P2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), P3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Greedy LZ4 block compression (4-byte hash matches; the format's end rules: last 5 bytes literal). */
function lz4BlockEncode(src) {
  const out = [];
  const lengthBytes = (n) => {
    for (; n >= 255; n -= 255) out.push(255);
    out.push(n);
  };
  const sequence = (lit, offset, matchLen) => {
    out.push((Math.min(lit.length, 15) << 4) | (matchLen ? Math.min(matchLen - 4, 15) : 0));
    if (lit.length >= 15) lengthBytes(lit.length - 15);
    for (const b of lit) out.push(b);
    if (!matchLen) return;
    out.push(offset & 0xff, offset >> 8);
    if (matchLen - 4 >= 15) lengthBytes(matchLen - 19);
  };
  const table = new Int32Array(1 << 16).fill(-1);
  const n = src.length;
  let anchor = 0;
  for (let i = 0; i < n - 12;) {
    const word = src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
    const h = Math.imul(word, 2654435761) >>> 16;
    const ref = table[h];
    table[h] = i;
    if (ref >= 0 && i - ref <= 65535 && src[ref] === src[i] && src[ref + 1] === src[i + 1] && src[ref + 2] === src[i + 2] && src[ref + 3] === src[i + 3]) {
      let len = 4;
      while (i + len < n - 5 && src[ref + len] === src[i + len]) len++;
      sequence(src.subarray(anchor, i), i - ref, len);
      i += len;
      anchor = i;
    } else i++;
  }
  sequence(src.subarray(anchor), 0, 0);
  return Uint8Array.from(out);
}

/** LZ4 frame: independent 64 KiB blocks, no checksums; a block that does not shrink is stored raw. */
function lz4FrameEncode(src) {
  const out = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, (xxh32Small([0x60, 0x40]) >>> 8) & 0xff];
  const u32 = (v) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  for (let p = 0; p < src.length; p += 65536) {
    const raw = src.subarray(p, p + 65536);
    const packed = lz4BlockEncode(raw);
    const stored = packed.length < raw.length ? packed : raw;
    u32(stored === raw ? (raw.length | 0x80000000) >>> 0 : packed.length);
    for (const b of stored) out.push(b);
  }
  u32(0);
  return Uint8Array.from(out);
}

arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, { encode: lz4FrameEncode, decode: lz4FrameDecode });
arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, { decode: (b) => decompressZstd(b) });

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

// Floats at any depth in their manifest form ("NaN", "-0", ...).
const CANONICAL_FLOATS = [{ node: (t) => isFloat(t.kind), expected: floatCanonical }];

/** The footer facts LogicalTypes.md fixes for a nested column's own group (LIST, MAP or a plain struct group). */
const nestedGroup = (kind, nullable) => ({
  physical: null, repetition: nullable ? 'OPTIONAL' : 'REQUIRED', logical: isListLike(kind) ? 'LIST' : kind === 'map' ? 'MAP' : 'NONE',
});

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

function writeArrowJs(dir) {
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
function writeArrowJsNested(dir) {
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
function writePolars(dir) {
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
function writePolarsNested(dir) {
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

// ---- CSV, TSV and NDJSON -------------------------------------------------------

// What DuckDB's read_csv / read_json infers for each kind of column and what
// spillway infers (arrow_type). Where they differ, the values still agree and
// the manifest takes spillway's type; every such pair is printed.
const TEXT_TYPES = {
  bool: { duckdb: 'BOOLEAN', arrow: { arrow_type: 'bool' } },
  int64: { duckdb: 'BIGINT', arrow: { arrow_type: 'int64' } },
  // read_json types a key holding negative and non-negative integers HUGEINT
  // (its JSON parser's signed and unsigned integers widen to HUGEINT).
  int64_json_signed: { duckdb: 'HUGEINT', arrow: { arrow_type: 'int64' }, differs: true },
  float64: { duckdb: 'DOUBLE', arrow: { arrow_type: 'float64' } },
  date32: { duckdb: 'DATE', arrow: { arrow_type: 'date32' } },
  time64: { duckdb: 'TIME', arrow: { arrow_type: 'time64', unit: 'us' } },
  timestamp: { duckdb: 'TIMESTAMP', arrow: { arrow_type: 'timestamp', unit: 'us', tz: null } },
  timestamp_utc: { duckdb: 'TIMESTAMP WITH TIME ZONE', arrow: { arrow_type: 'timestamp', unit: 'us', tz: 'UTC' } },
  // read_json reads "...Z" strings as TIMESTAMP (the UTC wall clock, same instants)
  timestamp_utc_json_z: { duckdb: 'TIMESTAMP', arrow: { arrow_type: 'timestamp', unit: 'us', tz: 'UTC' }, differs: true },
  utf8: { duckdb: 'VARCHAR', arrow: { arrow_type: 'utf8' } },
};

/** DuckDB value object -> canonical value of the manifest type. */
function duckValue(v, kind) {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool': case 'utf8': return v;
    case 'float64': return floatCanonical(v);
    case 'int64': {
      if (BigInt(v) < -(2n ** 63n) || BigInt(v) >= 2n ** 63n) throw new Error(`${v} is outside int64`);
      return String(v);
    }
    case 'date32': return v.days;
    case 'time64': case 'timestamp': return String(v.micros);
  }
  throw new Error(`no DuckDB conversion to ${kind}`);
}

async function duckdbColumns(con, file, sql, kinds, disagreements) {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const duckTypes = reader.columnTypes();
  const types = duckTypes.map(String);
  const data = reader.getColumns();
  return names.map((name, i) => {
    const tt = typeof kinds[name] === 'string' ? TEXT_TYPES[kinds[name]] : kinds[name];
    if (types[i] !== tt.duckdb) throw new Error(`${file} column ${name}: DuckDB infers ${types[i]}, the generator expected ${tt.duckdb}`);
    if (!tt.arrow) return nestedTextColumn(`${file} :: ${name}`, name, duckTypes[i], data[i], tt.jsonText, disagreements);
    const col = { name, ...tt.arrow };
    if (tt.differs) disagreements.push(`${file} :: ${name}: DuckDB ${tt.duckdb}, spillway ${typeString(columnType(col))}`);
    col.values = data[i].map((v) => duckValue(v, col.arrow_type));
    return col;
  });
}

/**
 * spillway's NDJSON type for what DuckDB's read_json inferred (nested: LIST, STRUCT;
 * every level nullable); `differs` collects the leaves where the two disagree.
 */
function spillwayTextType(type, differs) {
  switch (type.typeId) {
    case DuckId.LIST: return { arrow_type: 'list', item: { ...spillwayTextType(type.valueType, differs), nullable: true } };
    case DuckId.STRUCT:
      return { arrow_type: 'struct', fields: type.entryNames.map((name, i) => ({ name, ...spillwayTextType(type.entryTypes[i], differs), nullable: true })) };
    case DuckId.HUGEINT:
      differs.push('HUGEINT');
      return TEXT_TYPES.int64_json_signed.arrow;
  }
  const flat = Object.values(TEXT_TYPES).find((x) => !x.differs && x.duckdb === type.toString());
  if (!flat) throw new Error(`no spillway NDJSON type for DuckDB ${type}`);
  return flat.arrow;
}

/** A column of the NDJSON input as DuckDB reads it: DuckDB's values in spillway's types (nested, or JSON text). */
function nestedTextColumn(what, name, type, data, jsonText, disagreements) {
  const differs = jsonText ? ['JSON text'] : [];
  const col = { name, ...spillwayTextType(type, differs), nullable: true };
  const t = columnType(col);
  if (isNested(t.kind)) col.parquet = nestedGroup(t.kind, true);
  if (differs.length) disagreements.push(`${what}: DuckDB ${type}${jsonText ? ' (JSON)' : ''}, spillway ${typeString(t)}`);
  const conv = duckConverter(type, t);
  col.values = data.map((v) => (v === null || v === undefined ? null : reduceExpected(t, conv(v), CANONICAL_FLOATS)));
  return col;
}

const selectSql = (kinds, from) => `SELECT ${Object.keys(kinds).map((n) => `"${n}"`).join(', ')} FROM ${from}`;
const csvField = (v, delim) => (v === null ? '' : /["\r\n]/.test(v) || v.includes(delim) ? `"${v.replaceAll('"', '""')}"` : v);
const isoDate = (days) => new Date(days * 86400000).toISOString().slice(0, 10);
const pad2 = (n) => String(n).padStart(2, '0');

/** Text renderings of random values; `k` indexes edge cases first. */
function textGen(r) {
  const frac = () => (r.chance(0.5) ? '' : `.${String(r.int(0, 999999)).padStart(6, '0').slice(0, r.int(1, 6))}`);
  const clock = () => `${pad2(r.int(0, 23))}:${pad2(r.int(0, 59))}:${pad2(r.int(0, 59))}`;
  const day = () => r.int(-719162, 2932896); // 0001-01-01 .. 9999-12-31
  const stamp = (sep) => `${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19).replace('T', sep)}${frac()}`;
  return {
    bool: () => r.pick(['true', 'false', 'TRUE', 'False', 't', 'f', 'yes', 'NO']),
    int: (k) => edge(k, ['-9223372036854775808', '9223372036854775807', '0', '-1']) ?? String(r.big(-(2n ** 63n), 2n ** 63n - 1n) >> BigInt(r.int(0, 62))),
    float: (k) => {
      const e = edge(k, ['-0.0', '.5', '5.', '1E5', '5e-324', '1.7976931348623157e308', '2.5e-7', '0.1']);
      if (e !== undefined) return e;
      if (r.chance(0.3)) return (r.int(-1e9, 1e9) / 1000).toString();
      f64Bits[0] = (BigInt(r.u32()) << 32n) | BigInt(r.u32());
      return Number.isFinite(f64[0]) ? (r.chance(0.5) ? f64[0].toString() : f64[0].toExponential()) : '1.25';
    },
    ratio: () => (r.chance(0.5) ? String(r.int(-1000, 1000)) : String(r.int(-100000, 100000) / 64)),
    date: (k) => {
      const d = edge(k, [0, -1, -719162, 2932896, 11016]) ?? day();
      const s = isoDate(d);
      return r.chance(0.1) ? s.replace(/-0(\d)/g, '-$1') : s; // 2024-1-2 as well
    },
    time: (k) => edge(k, ['00:00:00', '23:59:59.999999']) ?? `${clock()}${frac()}`,
    ts: (k) => edge(k, ['1970-01-01 00:00:00', '1969-12-31 23:59:59.999999']) ?? stamp(r.chance(0.2) ? 'T' : ' '),
    tsz: () => stamp(r.chance(0.5) ? 'T' : ' ') + r.pick(['Z', '+02:00', '-01:30', '+0530', '+05', '-11:00']),
    text: () => r.pick([...WORDS.slice(1), ' leading space', 'trailing space ', 'multi\r\nline', 'only "inner" quotes']) + (r.chance(0.3) ? String(r.u32()) : ''),
    code: () => String(r.int(0, 999)).padStart(3 + r.int(0, 2), '0'),
  };
}

/** Writes a delimited file; returns the column kinds (see TEXT_TYPES). */
function writeDelimited(file, rows, seed, { delim = ',', eol = '\n', finalEol = true, cols }) {
  const r = prng(seed);
  const g = textGen(r);
  const lines = [Object.keys(cols).join(delim)];
  for (let k = 0; k < rows; k++) {
    lines.push(Object.values(cols).map(([, gen, nulls = 0.08]) => csvField(gen === null || (k >= 8 && r.chance(nulls)) ? null : gen(g, k), delim)).join(delim));
  }
  fs.writeFileSync(file, lines.join(eol) + (finalEol ? eol : ''));
  return Object.fromEntries(Object.entries(cols).map(([n, [kind]]) => [n, kind]));
}

function writeCsvs(dir) {
  const main = {
    id: ['int64', (g, k) => String(k), 0],
    flag: ['bool', (g) => g.bool()],
    qty: ['int64', (g, k) => g.int(k)],
    price: ['float64', (g, k) => g.float(k)],
    ratio: ['float64', (g) => g.ratio()],
    day: ['date32', (g, k) => g.date(k)],
    clock: ['time64', (g, k) => g.time(k)],
    at: ['timestamp', (g, k) => g.ts(k)],
    at_utc: ['timestamp_utc', (g) => g.tsz()],
    note: ['utf8', (g) => g.text(), 0.1],
    code: ['utf8', (g) => g.code()],
    nothing: ['utf8', null],
  };
  const crlf = {
    id: ['int64', (g, k) => String(k), 0],
    name: ['utf8', (g) => g.text()],
    amount: ['float64', (g, k) => g.float(k)],
    day: ['date32', (g, k) => g.date(k)],
    ok: ['bool', (g) => g.bool()],
  };
  const tsv = {
    n: ['int64', (g, k) => g.int(k)],
    label: ['utf8', (g) => g.code() + ' label ' + g.bool()],
    value: ['float64', (g, k) => g.float(k)],
    at: ['timestamp', (g, k) => g.ts(k)],
    day: ['date32', (g, k) => g.date(k)],
  };
  return [
    { name: 'main.csv', kinds: writeDelimited(path.join(dir, 'main.csv'), 1500, 31, { cols: main }) },
    { name: 'crlf.csv', kinds: writeDelimited(path.join(dir, 'crlf.csv'), 500, 32, { cols: crlf, eol: '\r\n', finalEol: false }) },
    { name: 'data.tsv', kinds: writeDelimited(path.join(dir, 'data.tsv'), 400, 33, { cols: tsv, delim: '\t' }) },
  ].map((x) => ({ ...x, source: 'csv', sql: selectSql(x.kinds, `read_csv('${path.join(dir, x.name)}')`) }));
}

/** JSON text of a string with escapes chosen at random (\uXXXX, surrogate pairs, short forms). */
function jsonString(s, r) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    const short = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '/': '\\/' }[ch];
    if (short && (ch !== '/' || r.chance(0.5))) out += short;
    else if (c < 0x20 || (c > 0x7e && r.chance(0.5))) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
  }
  return `${out}"`;
}

const jws = (r) => (r.chance(0.2) ? ' ' : '');
/** JSON array text: null (10%), [] (10%) or 1..max items, each null with 10%. */
function jArr(r, max, item) {
  if (r.chance(0.1)) return 'null';
  const n = r.chance(0.1) ? 0 : r.int(1, max);
  return `[${jws(r)}${Array.from({ length: n }, () => (r.chance(0.1) ? 'null' : item())).join(`,${jws(r)}`)}${jws(r)}]`;
}
/**
 * JSON object text: null (8%), or members in random order, each missing (10%) or
 * null (10%); `full`: every member present, in order (fixes the first-seen field order).
 */
function jObj(r, full, members) {
  if (!full && r.chance(0.08)) return 'null';
  let m = members.map(([key, gen]) => [key, full || !r.chance(0.1) ? (!full && r.chance(0.1) ? 'null' : gen()) : undefined]);
  if (!full) m = m.map((x) => [r.u32(), x]).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  return `{${m.filter(([, v]) => v !== undefined).map(([key, v]) => `${JSON.stringify(key)}:${jws(r)}${v}`).join(`,${jws(r)}`)}}`;
}
const jsonFloat = (r) => r.pick(['-0.0', '0.5', '1e300', '5e-324', '-2.5E-7', null, null, null, null]) ?? `${r.int(-99999, 99999)}.${r.int(0, 999)}e${r.int(-20, 20)}`;

function writeNdjson(dir) {
  const specs = [
    ['data.ndjson', 1200, 41, {
      id: ['int64', (g, k) => String(k), 0],
      n: ['int64_json_signed', (g, k) => g.int(k)],
      x: ['float64', (g, k) => (k % 3 ? g.float(k + 8) : String(k))],
      ok: ['bool', (g, k, r) => String(r.chance(0.5))],
      s: ['utf8', (g, k, r) => jsonString(g.text() + r.pick(['/slash', '\u0001ctl', '', 'Ω']), r)],
      day: ['date32', (g, k, r) => `"${isoDate(r.int(-719162, 2932896))}"`],
      at: ['timestamp', (g, k, r) => `"${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19).replace('T', ' ')}"`],
      at_z: ['timestamp_utc_json_z', (g, k, r) => `"${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19)}Z"`],
      clock: ['time64', (g, k, r) => `"${pad2(r.int(0, 23))}:${pad2(r.int(0, 59))}:${pad2(r.int(0, 59))}"`],
      opt: ['utf8', (g, k, r) => (r.chance(0.5) ? undefined : jsonString(g.code(), r)), 0.2],
      late: ['float64', (g, k, r) => (k < 700 ? undefined : `${r.int(-1000, 1000)}.${r.int(0, 9)}e${r.int(-5, 5)}`)],
      allnull: ['utf8', () => 'null', 0],
    }],
    ['nested.ndjson', 900, 43, {
      id: ['int64', (g, k) => String(k), 0],
      tags: [{ duckdb: 'VARCHAR[]' }, (g, k, r) => jArr(r, 4, () => jsonString(g.text(), r))],
      nums: [{ duckdb: 'BIGINT[]' }, (g, k, r) => jArr(r, 5, () => String(r.big(0n, 2n ** 63n - 1n) >> BigInt(r.int(0, 62))))],
      vals: [{ duckdb: 'DOUBLE[]' }, (g, k, r) => jArr(r, 4, () => jsonFloat(r))],
      point: [{ duckdb: 'STRUCT("x" BIGINT, "y" DOUBLE, "label" VARCHAR, "ok" BOOLEAN, "extra" BOOLEAN)' }, (g, k, r) =>
        jObj(r, k === 0, [['x', () => String(r.int(0, 1e6))], ['y', () => jsonFloat(r)], ['label', () => jsonString(g.text(), r)], ['ok', () => String(r.chance(0.5))],
          ['extra', () => (k < 300 ? undefined : String(r.chance(0.5)))]])],
      attrs: [{ duckdb: 'STRUCT("name" VARCHAR, "day" DATE, "tags" VARCHAR[], "inner" STRUCT("a" BIGINT, "b" BIGINT[]))' }, (g, k, r) =>
        jObj(r, k === 0, [['name', () => jsonString(g.code(), r)], ['day', () => `"${isoDate(r.int(-719162, 2932896))}"`],
          ['tags', () => jArr(r, 3, () => jsonString(r.pick(WORDS), r))],
          ['inner', () => jObj(r, k === 0, [['a', () => String(r.int(0, 2 ** 40))], ['b', () => jArr(r, 3, () => String(r.int(0, 999)))]])]])],
      events: [{ duckdb: 'STRUCT("t" BIGINT, "kind" VARCHAR, "at" TIMESTAMP)[]' }, (g, k, r) =>
        jArr(r, 3, () => jObj(r, k === 0, [['t', () => String(r.int(0, 2 ** 31))], ['kind', () => jsonString(r.pick(['start', 'stop', 'Ünïcödé', 'tab\there']), r)],
          ['at', () => `"${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19).replace('T', ' ')}"`]]))],
      matrix: [{ duckdb: 'HUGEINT[][]' }, (g, k, r) => jArr(r, 3, () => jArr(r, 3, () => String(r.int(-1e9, 1e9))))],
      // objects, arrays and numbers under one key: utf8 holding the JSON text (DuckDB: its JSON type)
      mixed: [{ duckdb: 'VARCHAR', jsonText: true }, (g, k, r) => {
        const pick = k < 3 ? k : r.int(0, 2);
        if (pick === 0) return jObj(r, true, [['a', () => String(r.int(0, 99))], ['b', () => jArr(r, 2, () => String(r.int(0, 9)))]]);
        return pick === 1 ? jArr(r, 3, () => String(r.int(-99, 99))) : String(r.int(-1000, 1000));
      }],
    }],
    ['data2.jsonl', 300, 42, {
      big: ['int64', (g, k, r) => String(r.big(0n, 2n ** 63n - 1n))],
      e: ['float64', (g, k, r) => `${r.int(1, 9)}.${r.int(0, 99)}E${r.pick(['+', '-', ''])}${r.int(0, 300)}`],
      numstr: ['utf8', (g, k, r) => `"${r.int(0, 99)}"`],
      b: ['bool', (g, k, r) => String(r.chance(0.5))],
    }],
  ];
  return specs.map(([name, rows, seed, cols]) => {
    const r = prng(seed);
    const g = textGen(r);
    const lines = [];
    for (let k = 0; k < rows; k++) {
      const members = [];
      for (const [key, [, gen, nulls = 0.08]] of Object.entries(cols)) {
        const v = k >= 8 && r.chance(nulls) ? 'null' : gen(g, k, r);
        if (v !== undefined) members.push(`${JSON.stringify(key)}:${r.chance(0.2) ? ' ' : ''}${v}`);
      }
      for (let i = members.length - 1; i > 0; i--) {
        const j = r.int(0, i); // key order differs line by line
        [members[i], members[j]] = [members[j], members[i]];
      }
      lines.push(`{${members.join(r.chance(0.2) ? ', ' : ',')}}`);
    }
    fs.writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
    const kinds = Object.fromEntries(Object.entries(cols).map(([n, [kind]]) => [n, kind]));
    return { name, kinds, source: 'ndjson', sql: selectSql(kinds, `read_json('${path.join(dir, name)}', format='newline_delimited')`) };
  });
}

// ---- conversions and manifest -------------------------------------------------

// Each conversion: inputs (one schema; several append into one file), output,
// writer options. Options vary across outputs; tiny budgets make the budgeted
// store spill.
const TINY = ['--page-store', 'budget', '--memory-budget', '4KiB', '--page-size', '4KiB'];
const CONVERSIONS = [
  ['arrowjs_stream.parquet', ['arrowjs.arrows'], []],
  ['arrowjs_stream_plain_spill.parquet', ['arrowjs.arrows'], ['--dictionary', 'off', '--compression', 'uncompressed', '--page-store', 'spill']],
  ['arrowjs_file_v2_snappy.parquet', ['arrowjs.arrow'], ['--compression', 'snappy', '--writer-version', '2']],
  ['arrowjs_file_budget_gzip.parquet', ['arrowjs.arrow'], ['--compression', 'gzip', '--row-group-rows', '700', ...TINY]],
  ['arrowjs_lz4_stream.parquet', ['arrowjs_lz4.arrows'], ['--compression', 'lz4_raw', '--row-group-rows', '1000']],
  ['arrowjs_lz4_file_v2_plain.parquet', ['arrowjs_lz4.arrow'], ['--writer-version', '2', '--dictionary', 'off', '--statistics', 'none']],
  ['arrowjs_nested_stream.parquet', ['arrowjs_nested.arrows'], []],
  ['arrowjs_nested_file_v2_plain.parquet', ['arrowjs_nested.arrow'], ['--writer-version', '2', '--dictionary', 'off', '--compression', 'zstd']],
  ['arrowjs_nested_budget.parquet', ['arrowjs_nested.arrows'], ['--row-group-rows', '900', '--dictionary', 'off', ...TINY.slice(0, 4), '--page-size', '1KiB']],
  ['arrowjs_nested_appended.parquet', ['arrowjs_nested.arrow', 'arrowjs_nested.arrows'], ['--compression', 'snappy', '--page-store', 'spill']],
  ['polars_lz4.parquet', ['polars_lz4.arrow'], ['--compression', 'lz4_raw']],
  ['polars_zstd_v2_plain.parquet', ['polars_zstd.arrow'], ['--writer-version', '2', '--dictionary', 'off']],
  ['polars_plain_brotli_memory.parquet', ['polars_plain.arrow'], ['--compression', 'brotli', '--page-store', 'memory']],
  ['polars_stream_zstd_budget.parquet', ['polars_zstd.arrows'], TINY],
  ['polars_stream_lz4.parquet', ['polars_lz4.arrows'], ['--statistics', 'chunk']],
  ['polars_stream_plain.parquet', ['polars_plain.arrows'], ['--writer-version', '2', '--page-store', 'spill']],
  ['polars_nested.parquet', ['polars_nested.arrow'], ['--compression', 'zstd']],
  ['polars_nested_stream_v2_budget.parquet', ['polars_nested.arrows'], ['--writer-version', '2', '--dictionary', 'off', ...TINY]],
  ['polars_appended.parquet', ['polars_lz4.arrow', 'polars_plain.arrow', 'polars_lz4.arrow'], []],
  ['csv_main.parquet', ['main.csv'], []],
  ['csv_main_v2_budget.parquet', ['main.csv'], ['--writer-version', '2', '--dictionary', 'off', ...TINY]],
  ['csv_crlf_snappy.parquet', ['crlf.csv'], ['--compression', 'snappy']],
  ['tsv.parquet', ['data.tsv'], ['--page-store', 'spill']],
  ['ndjson.parquet', ['data.ndjson'], []],
  ['ndjson_v2_budget.parquet', ['data.ndjson'], ['--writer-version', '2', '--compression', 'gzip', ...TINY]],
  ['jsonl.parquet', ['data2.jsonl'], ['--dictionary', 'off']],
  ['ndjson_nested.parquet', ['nested.ndjson'], []],
  ['ndjson_nested_v2_plain_budget.parquet', ['nested.ndjson'], ['--writer-version', '2', '--dictionary', 'off', '--compression', 'zstd', ...TINY]],
];

function convert(spillway, dir, out, inputs, args) {
  const argv = ['convert', ...inputs.map((i) => path.join(dir, 'inputs', i)), path.join(dir, out), '--progress', 'off', ...args];
  try {
    const stdout = execFileSync(spillway, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /bytes spilled\s+(.*)/.exec(stdout)?.[1] ?? '?';
  } catch (e) {
    console.error(`cli_inputs: ${spillway} ${argv.join(' ')} failed (exit ${e.status}):\n${e.stderr || e.message}`);
    process.exit(1);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const inputsOnly = args.includes('--inputs-only');
  const [spillway, dir] = args.filter((a) => a !== '--inputs-only');
  if (!spillway || !dir) {
    console.error('usage: node cli_inputs.mjs <spillway binary> <dir> [--inputs-only]');
    process.exit(2);
  }
  const inDir = path.join(dir, 'inputs');
  fs.mkdirSync(inDir, { recursive: true });
  const inputs = new Map();
  for (const i of [...writeArrowJs(inDir), ...writeArrowJsNested(inDir), ...writePolars(inDir), ...writePolarsNested(inDir)]) inputs.set(i.name, i);

  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await inst.connect();
  await con.run("SET TimeZone = 'UTC'");
  const disagreements = [];
  for (const t of [...writeCsvs(inDir), ...writeNdjson(inDir)]) {
    const columns = await duckdbColumns(con, t.name, t.sql, t.kinds, disagreements);
    inputs.set(t.name, { ...t, columns, num_rows: columns[0].values.length, facts: `${t.source}, ${columns.length} columns` });
  }
  con.closeSync();
  inst.closeSync();

  for (const i of inputs.values()) console.log(`  input ${i.name.padEnd(20)} ${String(i.num_rows).padStart(5)} rows, ${i.columns.length} columns (${i.source}: ${i.facts})`);
  for (const d of disagreements) console.log(`  type differs (values compared): ${d}`);

  const files = [];
  for (const [out, names, opts] of CONVERSIONS) {
    const parts = names.map((n) => inputs.get(n));
    const columns = parts[0].columns.map((c, j) => {
      const { values, ...rest } = c;
      return { ...rest, values: parts.flatMap((p) => p.columns[j].values) };
    });
    const num_rows = parts.reduce((a, p) => a + p.num_rows, 0);
    const spilled = inputsOnly ? 'not run' : convert(spillway, dir, out, names, opts);
    files.push({ path: out, num_rows, props: { writer: 'spillway convert', inputs: names, options: opts.join(' '), source: parts[0].source, bytes_spilled: spilled }, columns });
    console.log(`  ${out.padEnd(40)} <- ${names.join(' + ')} ${opts.join(' ')}${/budget|spill/.test(opts.join(' ')) ? ` (spilled ${spilled})` : ''}`);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'spillway-interop', version: 1, files }));
  const by = (s) => [...inputs.values()].filter((i) => i.source === s).length;
  console.log(`cli_inputs: ${inputs.size} inputs (apache-arrow ${by('apache-arrow')}, Polars ${by('polars')}, CSV/TSV ${by('csv')}, NDJSON ${by('ndjson')}); ` +
    `${files.length} Parquet files ${inputsOnly ? 'listed (not converted)' : 'converted'} into ${dir}`);
}

await main();
