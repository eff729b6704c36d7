// Arrow JS (apache-arrow) vectors -> canonical values. Shared by the readers that
// hand back Arrow data: arrow-rs (parquet-wasm) and Polars (via its IPC export).
// Values are taken from the raw buffers, never through lossy getters.

import * as arrow from 'apache-arrow';
import { bigIntFromLEWords, childTypes, float16FromBits, formatDecimal, hex, isBinary, isDecimal, isListLike, isString, temporalCanonical, typeString } from '../canonical.mjs';

const UNIT = { [arrow.TimeUnit.SECOND]: 's', [arrow.TimeUnit.MILLISECOND]: 'ms', [arrow.TimeUnit.MICROSECOND]: 'us', [arrow.TimeUnit.NANOSECOND]: 'ns' };
const FLOAT = { [arrow.Precision.HALF]: 'float16', [arrow.Precision.SINGLE]: 'float32', [arrow.Precision.DOUBLE]: 'float64' };

/** An Arrow JS DataType in the manifest's type vocabulary (see canonical.columnType); children carry `nullable`. */
export function describeArrowType(type) {
  const d = { kind: null, unit: null, tz: null, precision: null, scale: null, byteWidth: null, dictionaryIndex: null };
  const T = arrow.Type;
  const child = (field) => ({ ...describeArrowType(field.type), nullable: field.nullable, name: field.name });
  switch (type.typeId) {
    case T.List: return { ...d, kind: 'list', item: child(type.children[0]) };
    case T.LargeList: return { ...d, kind: 'large_list', item: child(type.children[0]) };
    case T.FixedSizeList: return { ...d, kind: 'fixed_size_list', listSize: type.listSize, item: child(type.children[0]) };
    case T.Struct: return { ...d, kind: 'struct', fields: type.children.map(child) };
    case T.Map: {
      const [k, v] = type.children[0].type.children;
      return { ...d, kind: 'map', key: child(k), value: child(v), keysSorted: type.keysSorted };
    }
    case T.Dictionary: {
      const v = describeArrowType(type.dictionary);
      return { ...v, dictionaryIndex: describeArrowType(type.indices).kind };
    }
    case T.Null: return { ...d, kind: 'null' };
    case T.Bool: return { ...d, kind: 'bool' };
    case T.Int: return { ...d, kind: `${type.isSigned ? 'int' : 'uint'}${type.bitWidth}` };
    case T.Float: return { ...d, kind: FLOAT[type.precision] };
    case T.Utf8: return { ...d, kind: 'utf8' };
    case T.LargeUtf8: return { ...d, kind: 'large_utf8' };
    case T.Utf8View: return { ...d, kind: 'utf8_view' };
    case T.Binary: return { ...d, kind: 'binary' };
    case T.LargeBinary: return { ...d, kind: 'large_binary' };
    case T.BinaryView: return { ...d, kind: 'binary_view' };
    case T.FixedSizeBinary: return { ...d, kind: 'fixed_size_binary', byteWidth: type.byteWidth };
    case T.Decimal: return { ...d, kind: `decimal${type.bitWidth}`, precision: type.precision, scale: type.scale };
    case T.Date: return { ...d, kind: type.unit === arrow.DateUnit.DAY ? 'date32' : 'date64' };
    case T.Time: return { ...d, kind: `time${type.bitWidth}`, unit: UNIT[type.unit] };
    case T.Timestamp: return { ...d, kind: 'timestamp', unit: UNIT[type.unit], tz: type.timezone ?? null };
    case T.Duration: return { ...d, kind: 'duration', unit: UNIT[type.unit] };
    case T.Interval: {
      const k = { [arrow.IntervalUnit.YEAR_MONTH]: 'interval_year_month', [arrow.IntervalUnit.DAY_TIME]: 'interval_day_time', [arrow.IntervalUnit.MONTH_DAY_NANO]: 'interval_month_day_nano' };
      return { ...d, kind: k[type.unit] };
    }
  }
  return { ...d, kind: `unsupported:${String(type)}` };
}

/** One node's own parameters (not its children) agree; child nullability only where the manifest states it. */
const sameNode = (t, got) =>
  t.kind === got.kind && t.unit === got.unit && t.tz === got.tz && t.precision === got.precision && t.scale === got.scale &&
  t.byteWidth === got.byteWidth && t.dictionaryIndex === got.dictionaryIndex && (t.listSize ?? null) === (got.listSize ?? null) &&
  (t.keysSorted === null || t.keysSorted === undefined || t.keysSorted === got.keysSorted);

/**
 * Walks the manifest type t and the reader's type `got` together. At each node
 * `nodeCheck(t, got)` returns null (agrees), { tolerated: id } (a documented
 * deviation: the walk goes on into the children) or { error }. Struct fields must
 * have the same names in order; a child's nullability is checked where the
 * manifest states it and `nullability` is set.
 */
function walkTypes(t, got, nodeCheck, nullability, path = '') {
  const at = path ? ` at ${path}` : '';
  const tolerated = [];
  const fail = (why) => ({ error: `type${at}: ${why ?? `expected ${typeString(t)}, got ${typeString(got)}`}` });
  const r = nodeCheck(t, got);
  if (r?.error) return fail();
  if (r?.tolerated) tolerated.push(r.tolerated);
  const want = childTypes(t);
  const have = childTypes(r?.children ? r.children : got);
  if (want.length !== have.length) return fail();
  for (let i = 0; i < want.length; i++) {
    const [label, wt] = want[i];
    const [glabel, gt] = have[i];
    if (label !== glabel) return fail(`expected field '${label}', got '${glabel}' (${typeString(t)} vs ${typeString(got)})`);
    const sub = `${path}${path ? '.' : ''}${label}`;
    if (nullability && wt.nullable !== null && gt.nullable !== undefined && wt.nullable !== gt.nullable)
      return fail(`${sub} nullable ${wt.nullable}, got ${gt.nullable}`);
    const c = walkTypes(wt, gt, nodeCheck, nullability, sub);
    if (c.error) return c;
    tolerated.push(...(c.tolerated ?? []));
  }
  return tolerated.length ? { tolerated: [...new Set(tolerated)] } : {};
}

/**
 * Type check for a reader that must restore the exact Arrow type from ARROW:schema.
 * Returns { error } for a mismatch, { tolerated: [ids] } for documented reader deviations, or {}.
 * A deviation's `when(t, got)` is asked at the node that differs; nested deviations
 * may also return `children` (a descriptor whose children are compared instead).
 */
export function checkExactType(got, t, deviations) {
  return walkTypes(t, got, (t, got) => {
    if (sameNode(t, got)) return null;
    for (const dev of deviations) {
      const m = dev.when(t, got);
      if (m) return { tolerated: dev.id, children: m.children };
    }
    return { error: true };
  }, true);
}

const FAMILY = (k) => {
  if (isListLike(k) && k !== 'fixed_size_list') return 'list';
  if (isString(k)) return 'string';
  if (isBinary(k)) return 'binary';
  if (isDecimal(k)) return 'decimal';
  if (k.startsWith('time')) return k === 'timestamp' ? 'timestamp' : 'time';
  return k;
};

/**
 * Type check for a reader with its own type system (Polars): same family, same
 * integer width and signedness, same decimal scale, timestamps agree on having a
 * time zone; list, large_list and the list views are one family, a
 * fixed_size_list keeps its size. Dictionary encoding and string/binary offset
 * widths may differ; child nullability is not checked.
 */
export function checkFamilyType(got, t, extra = []) {
  return walkTypes(t, got, (t, got) => {
    for (const dev of extra) {
      const m = dev.when(t, got);
      if (m) return { tolerated: dev.id, children: m.children };
    }
    const fe = FAMILY(t.kind);
    if (fe !== FAMILY(got.kind)) return { error: true };
    if (isDecimal(t.kind) && got.scale !== t.scale) return { error: true };
    if (t.kind === 'timestamp' && (t.tz === null) !== (got.tz === null)) return { error: true };
    if (t.kind === 'fixed_size_list' && got.listSize !== t.listSize) return { error: true };
    return null;
  }, false);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

// Stands in for a manifest type where the reader has a child the manifest lacks:
// its values are still rendered (so a mismatch shows) but cannot match a real one.
const UNKNOWN = { kind: 'unknown' };

/** Canonical values of one Arrow JS Data chunk, interpreted for manifest type t, appended to out (returned). */
function dataValues(data, t, out) {
  leafOrNestedValues(data, t, out);
  return out;
}

function leafOrNestedValues(data, t, out) {
  const type = data.type;
  const n = data.length;
  const T = arrow.Type;
  const valid = (i) => data.nullCount === 0 || data.getValid(i);
  const push = (f) => {
    for (let i = 0; i < n; i++) out.push(valid(i) ? f(i) : null);
  };
  if (n === 0) return; // empty nested chunks may come without children
  switch (type.typeId) {
    case T.List: case T.LargeList: case T.Map: {
      // Offsets index the child's values; a Polars map is a list of struct<key, value>.
      const child = data.children[0];
      const items = [];
      if (type.typeId === T.Map || (t.kind === 'map' && child.type.typeId === T.Struct && child.children.length === 2)) {
        const keys = dataValues(child.children[0], t.key ?? UNKNOWN, []);
        const vals = dataValues(child.children[1], t.value ?? UNKNOWN, []);
        for (let j = 0; j < child.length; j++) items.push(child.nullCount && !child.getValid(j) ? null : [keys[j], vals[j]]);
      } else dataValues(child, t.item ?? UNKNOWN, items);
      const off = data.valueOffsets;
      return push((i) => items.slice(Number(off[i]), Number(off[i + 1])));
    }
    case T.FixedSizeList: {
      const size = type.listSize;
      const items = dataValues(data.children[0], t.item ?? UNKNOWN, []);
      return push((i) => items.slice(i * size, (i + 1) * size));
    }
    case T.Struct: {
      const fields = type.children.map((f, j) => [f.name, dataValues(data.children[j], t.fields?.find((x) => x.name === f.name) ?? UNKNOWN, [])]);
      return push((i) => Object.fromEntries(fields.map(([name, vals]) => [name, vals[i]])));
    }
    case T.Dictionary: {
      const dict = [];
      for (const d of data.dictionary.data) dataValues(d, t, dict);
      const idx = data.values;
      return push((i) => dict[Number(idx[i])]);
    }
    case T.Null:
      for (let i = 0; i < n; i++) out.push(null);
      return;
    case T.Bool: {
      const bits = data.values;
      return push((i) => ((bits[(data.offset + i) >> 3] >> ((data.offset + i) & 7)) & 1) === 1);
    }
    case T.Int: {
      // A plain integer where another type was expected is caught by the type check.
      const v = data.values;
      return push((i) => String(v[i]));
    }
    case T.Float: {
      const v = data.values;
      if (type.precision === arrow.Precision.HALF) return push((i) => float16FromBits(v[i]));
      return push((i) => v[i]);
    }
    case T.Utf8: case T.LargeUtf8: case T.Utf8View: {
      const vec = arrow.makeVector(data);
      return push((i) => vec.get(i));
    }
    case T.Binary: case T.LargeBinary: case T.BinaryView: case T.FixedSizeBinary: {
      const vec = arrow.makeVector(data);
      if (isString(t.kind)) return push((i) => decoder.decode(vec.get(i)));
      return push((i) => hex(vec.get(i)));
    }
    case T.Decimal: {
      const w = type.bitWidth / 32;
      const v = data.values;
      return push((i) => formatDecimal(bigIntFromLEWords(v, i * w, w), type.scale));
    }
    case T.Date: {
      const v = data.values;
      const unit = type.unit === arrow.DateUnit.DAY ? 'd' : 'ms';
      return push((i) => temporalCanonical(t, BigInt(v[i]), unit));
    }
    case T.Time: case T.Timestamp: case T.Duration: {
      const v = data.values;
      const unit = UNIT[type.unit];
      return push((i) => temporalCanonical(t, BigInt(v[i]), unit));
    }
    case T.Interval: {
      const v = data.values;
      if (type.unit === arrow.IntervalUnit.YEAR_MONTH) return push((i) => ({ months: v[i], days: 0, millis: 0 }));
      if (type.unit === arrow.IntervalUnit.DAY_TIME) return push((i) => ({ months: 0, days: v[2 * i], millis: v[2 * i + 1] }));
      // MONTH_DAY_NANO: months, days (int32) then nanoseconds (int64) per value.
      const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
      return push((i) => {
        const nanos = dv.getBigInt64(16 * i + 8, true);
        const millis = nanos % 1000000n === 0n ? Number(nanos / 1000000n) : `${nanos}ns`;
        return { months: dv.getInt32(16 * i, true), days: dv.getInt32(16 * i + 4, true), millis };
      });
    }
  }
  return push(() => `unsupported Arrow type ${String(type)}`);
}

/** Canonical values of a whole Arrow JS Vector (all its chunks). */
export function vectorValues(vector, t) {
  const out = [];
  for (const data of vector.data) dataValues(data, t, out);
  return out;
}
